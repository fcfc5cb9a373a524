package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;

/**
 * Kills one TaskManager without warning: SIGKILL locally, pod deletion with grace 0 on Kubernetes.
 */
public record TaskManagerKill(int index) implements Fault {

  @Override
  public String description() {
    return "kill TaskManager " + index;
  }

  @Override
  public java.util.List<Integer> taskManagersHit() {
    return java.util.List.of(index);
  }

  @Override
  public void inject(FlinkCluster cluster) {
    cluster.processes().killTaskManager(index);
  }

  @Override
  public void heal(FlinkCluster cluster) {
    cluster.awaitReady();
  }
}
