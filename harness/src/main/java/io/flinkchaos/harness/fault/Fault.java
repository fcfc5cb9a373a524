package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;

/**
 * Something that goes wrong on purpose. {@link #heal} runs after every scenario that injected the
 * fault, whatever the outcome, like Jepsen's final generator.
 */
public interface Fault {

  /** What the fault does, for the timeline: "SIGKILL TaskManager 1". */
  String description();

  void inject(FlinkCluster cluster);

  /** The TaskManagers (1-based) this fault kills or takes down, so later choices avoid them. */
  default java.util.List<Integer> taskManagersHit() {
    return java.util.List.of();
  }

  /**
   * True if the job always restarts after this fault (a killed process). False where Flink decides
   * (a freeze shorter than the heartbeat timeout is survived without one): waiting for a restore
   * then only makes sense once Flink has recorded a failure after the fault.
   */
  default boolean alwaysRestartsTheJob() {
    return true;
  }

  /**
   * How long {@link #inject} holds the fault before it lets go (a freeze, a partition, an outage):
   * the fault ended when inject returned. Empty for a fault that is done at once (a kill) or lasts
   * until healed.
   */
  default java.util.Optional<java.time.Duration> heldFor() {
    return java.util.Optional.empty();
  }

  /** Undoes lasting effects; a killed process is replaced by the platform, so often nothing. */
  default void heal(FlinkCluster cluster) {}
}
