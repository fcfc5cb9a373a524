package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.NetworkFaults;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;

/**
 * Cuts a TaskManager off from the JobManager (and, with HA, ZooKeeper) for {@code length}, then
 * heals the links. The TaskManager runs on, its connections stalled; if the cut outlasts the
 * heartbeat timeout, Flink has declared it lost meanwhile and must not let it commit when it is
 * back.
 */
public record NetworkPartition(FlinkProcess process, Duration length) implements TimedIsolation {

  public NetworkPartition {
    if (process.role() != FlinkProcess.Role.TASK_MANAGER) {
      throw new IllegalArgumentException("a partition cuts off a TaskManager, not " + process);
    }
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("a partition of " + length + ": give a positive duration");
    }
  }

  @Override
  public String kind() {
    return "partition";
  }

  @Override
  public String description() {
    return "cut " + process + " off from the JobManager for " + length.toMillis() + " ms";
  }

  /** Returns once the links are healed, {@code length} after they were cut. */
  @Override
  public void inject(FlinkCluster cluster) {
    NetworkFaults network = cluster.network().require("partition " + process);
    Waits.holding(
        process
            + " to have been cut off for "
            + length.toMillis()
            + " ms ("
            + network.linksCutBy(process)
            + ")",
        length,
        () -> network.partition(process),
        () -> network.heal(process));
  }

  @Override
  public void heal(FlinkCluster cluster) {
    cluster.network().get().ifPresent(network -> network.heal(process));
    cluster.awaitReady();
  }
}
