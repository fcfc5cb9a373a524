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

  @Override
  default java.util.Optional<Duration> heldFor() {
    return java.util.Optional.of(length());
  }

  /** "freeze", "partition": how the verdicts name it. */
  String kind();

  /**
   * None: the isolated TaskManager is the same process when it is back (or, after a failover, runs
   * new tasks), so a later fault may choose it again; only a kill replaces it.
   */
  @Override
  default java.util.List<Integer> taskManagersHit() {
    return java.util.List.of();
  }

  /** Whether Flink fails over is the point of the scenario; Flink's report says which it did. */
  @Override
  default boolean alwaysRestartsTheJob() {
    return false;
  }
}
