package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;

/**
 * {@code kill 1} in the JobManager's main container: the process dies and the kubelet restarts the
 * container in the same pod (a crash, unlike a pod deletion).
 */
public record JobManagerProcessKill() implements Fault {

  @Override
  public String description() {
    return "kill 1 in the JobManager container";
  }

  @Override
  public void inject(FlinkCluster cluster) {
    cluster.controlPlane().require(description()).killJobManagerProcess();
  }

  @Override
  public void heal(FlinkCluster cluster) {
    cluster.awaitReady();
  }
}
