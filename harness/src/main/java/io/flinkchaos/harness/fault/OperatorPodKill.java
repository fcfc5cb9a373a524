package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;

/**
 * Deletes the Flink Kubernetes Operator's pod (grace period 0); its Deployment starts a new one.
 */
public record OperatorPodKill() implements Fault {

  @Override
  public String description() {
    return "delete the Flink Kubernetes Operator pod";
  }

  @Override
  public void inject(FlinkCluster cluster) {
    cluster.controlPlane().require(description()).killOperator();
  }
}
