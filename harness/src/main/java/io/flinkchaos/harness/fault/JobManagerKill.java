package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;

/**
 * Kills the JobManager without warning: SIGKILL locally (the platform starts a new one, as a
 * Deployment would), pod deletion on Kubernetes. Only an HA cluster brings the job back.
 */
public record JobManagerKill() implements Fault {

  @Override
  public String description() {
    return "kill the JobManager";
  }

  @Override
  public void inject(FlinkCluster cluster) {
    cluster.processes().killJobManager();
  }

  @Override
  public void heal(FlinkCluster cluster) {
    cluster.awaitReady();
  }
}
