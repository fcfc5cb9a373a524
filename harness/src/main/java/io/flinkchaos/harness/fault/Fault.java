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

  /** Undoes lasting effects; a killed process is replaced by the platform, so often nothing. */
  default void heal(FlinkCluster cluster) {}
}
