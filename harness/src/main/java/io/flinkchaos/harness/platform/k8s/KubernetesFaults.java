package io.flinkchaos.harness.platform.k8s;

import io.flinkchaos.harness.fault.Fault;
import io.flinkchaos.harness.platform.FlinkCluster;

/** Faults only a Kubernetes platform has: the operator's pod, a container's main process. */
public final class KubernetesFaults {

  private KubernetesFaults() {}

  static KubernetesFlinkCluster kubernetes(FlinkCluster cluster, String fault) {
    if (cluster instanceof KubernetesFlinkCluster k8s) {
      return k8s;
    }
    throw needsKubernetes(fault);
  }

  /** The one-line error for a Kubernetes-only action on another platform. */
  public static IllegalStateException needsKubernetes(String action) {
    return new IllegalStateException(
        "'"
            + action
            + "' needs a Kubernetes platform: run with -Dharness.platform=k3s or"
            + " -Dharness.platform=kubeconfig");
  }

  /** Deletes the operator's pod (grace period 0); its Deployment starts a new one. */
  public record OperatorPodKill() implements Fault {
    @Override
    public String description() {
      return "delete the Flink Kubernetes Operator pod";
    }

    @Override
    public void inject(FlinkCluster cluster) {
      kubernetes(cluster, description()).killOperator();
    }
  }

  /**
   * {@code kill 1} in the JobManager's main container: the process dies, the kubelet restarts the
   * container in the same pod (a crash, unlike a pod deletion).
   */
  public record JobManagerProcessKill() implements Fault {
    @Override
    public String description() {
      return "kill 1 in the JobManager container";
    }

    @Override
    public void inject(FlinkCluster cluster) {
      kubernetes(cluster, description()).killJobManagerProcess();
    }

    @Override
    public void heal(FlinkCluster cluster) {
      cluster.awaitReady();
    }
  }
}
