package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.NetworkFaults;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;

/**
 * Every packet to and from a TaskManager waits {@code each} longer, for {@code length}: a congested
 * or distant link. Below the heartbeat timeout Flink must ride it out without a failover.
 */
public record LinkDelay(FlinkProcess process, Duration each, Duration length) implements Fault {

  public LinkDelay {
    if (process.role() != FlinkProcess.Role.TASK_MANAGER) {
      throw new IllegalArgumentException(
          "latency is added to a TaskManager's links, not " + process);
    }
    if (each.isNegative() || each.isZero() || length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException(
          "latency of " + each + " for " + length + ": give positive durations");
    }
  }

  @Override
  public String description() {
    return "delay every packet of "
        + process
        + " by "
        + each.toMillis()
        + " ms for "
        + length.toMillis()
        + " ms";
  }

  @Override
  public java.util.Optional<Duration> heldFor() {
    return java.util.Optional.of(length);
  }

  /** A slow link is not a lost one: Flink decides whether to fail over. */
  @Override
  public boolean alwaysRestartsTheJob() {
    return false;
  }

  @Override
  public void inject(FlinkCluster cluster) {
    NetworkFaults.LinkDelays delays =
        cluster.network().require("add latency to " + process).delays().require(description());
    Waits.holding(
        process
            + " to have had "
            + each.toMillis()
            + " ms more latency for "
            + length.toMillis()
            + " ms",
        length,
        () -> delays.delay(process, each),
        () -> delays.restore(process));
  }

  @Override
  public void heal(FlinkCluster cluster) {
    cluster
        .network()
        .get()
        .flatMap(network -> network.delays().get())
        .ifPresent(delays -> delays.restore(process));
    cluster.awaitReady();
  }
}
