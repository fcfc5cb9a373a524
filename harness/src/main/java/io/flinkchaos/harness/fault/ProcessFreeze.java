package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.ProcessFreezer;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

  /**
   * None: a frozen TaskManager is the same process with the same tasks when it wakes (or, after a
   * failover, runs new ones), so a later fault may choose it again; only a kill replaces it.
   */
  @Override
  public List<Integer> taskManagersHit() {
    return List.of();
  }

  /**
   * Whether Flink fails over is the point of the scenario; any failover is recorded by the thaw.
   */
  @Override
  public boolean alwaysRestartsTheJob() {
    return false;
  }

  /** Returns once the process runs again, {@code pause} after it was stopped. */
  @Override
  public void inject(FlinkCluster cluster) {
    ProcessFreezer freezer = cluster.processes().freezer().require("freeze " + process);
    Instant frozenAt = Instant.now();
    freezer.freeze(process);
    try {
      Waits.untilElapsed(
          process + " to have been frozen for " + pause.toMillis() + " ms", frozenAt, pause);
    } finally {
      freezer.thaw(process);
    }
  }

  @Override
  public void heal(FlinkCluster cluster) {
    cluster.processes().freezer().get().ifPresent(freezer -> freezer.thaw(process));
    cluster.awaitReady();
  }
}
