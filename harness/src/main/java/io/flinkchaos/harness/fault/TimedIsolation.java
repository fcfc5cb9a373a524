package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkProcess;
import java.time.Duration;

/**
 * A fault that cuts a process off from the JobManager for a while and then lets it back, alive and
 * with its state: a freeze (SIGSTOP) or a network partition. Whether Flink rode it out or failed
 * over depends on its length against the heartbeat timeout ({@link IsolationReport}).
 */
public interface TimedIsolation extends Fault {

  /** The process cut off. */
  FlinkProcess process();

  /** How long it was cut off. */
  Duration length();

  /** "freeze", "partition": how the verdicts name it. */
  String kind();
}
