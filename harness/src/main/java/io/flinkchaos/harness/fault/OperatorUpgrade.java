package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;

/**
 * The Flink Kubernetes Operator upgraded by Helm while the job runs (CRDs replaced first). Healed
 * by putting the version it replaced back, so later scenarios run on the version the run asked for.
 */
public final class OperatorUpgrade implements Fault {

  private final String target;
  private String replaced;

  public OperatorUpgrade(String target) {
    this.target = target;
  }

  @Override
  public String description() {
    return "upgrade the Flink Kubernetes Operator to " + target;
  }

  @Override
  public void inject(FlinkCluster cluster) {
    replaced = cluster.controlPlane().require(description()).upgradeOperator(target);
  }

  @Override
  public boolean alwaysRestartsTheJob() {
    return false;
  }

  @Override
  public void heal(FlinkCluster cluster) {
    if (replaced != null && !replaced.equals(target)) {
      cluster
          .controlPlane()
          .require("put the operator back to " + replaced)
          .upgradeOperator(replaced);
      replaced = null;
    }
    cluster.awaitReady();
  }

  @Override
  public String toString() {
    return description() + (replaced == null ? "" : " (from " + replaced + ")");
  }
}
