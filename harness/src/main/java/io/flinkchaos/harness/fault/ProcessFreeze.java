package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.ProcessFreezer;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;

/**
 * Freezes a Flink process (SIGSTOP) for {@code pause}, then lets it go on (SIGCONT): a long GC
 * pause or a stuck node. The process keeps its sockets and state and wakes believing no time has
 * passed; if the pause outlasts the heartbeat timeout, Flink has declared it lost meanwhile.
 */
public record ProcessFreeze(FlinkProcess process, Duration pause) implements TimedIsolation {

  public ProcessFreeze {
    if (pause.isNegative() || pause.isZero()) {
      throw new IllegalArgumentException("a freeze of " + pause + ": give a positive duration");
    }
  }

  @Override
  public Duration length() {
    return pause;
  }

  @Override
  public String kind() {
    return "freeze";
  }

  @Override
  public String description() {
    return "freeze " + process + " for " + pause.toMillis() + " ms (SIGSTOP, then SIGCONT)";
  }

  /** Returns once the process runs again, {@code pause} after it was stopped. */
  @Override
  public void inject(FlinkCluster cluster) {
    ProcessFreezer freezer = cluster.processes().freezer().require("freeze " + process);
    Waits.holding(
        process + " to have been frozen for " + pause.toMillis() + " ms",
        pause,
        () -> freezer.freeze(process),
        () -> freezer.thaw(process));
  }

  @Override
  public void heal(FlinkCluster cluster) {
    cluster.processes().freezer().get().ifPresent(freezer -> freezer.thaw(process));
    cluster.awaitReady();
  }
}
