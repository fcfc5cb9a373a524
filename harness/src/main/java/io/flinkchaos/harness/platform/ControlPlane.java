package io.flinkchaos.harness.platform;

/**
 * The Kubernetes control plane around a Flink cluster: the Flink Kubernetes Operator and the
 * kubelet that restarts a crashed container. Only Kubernetes platforms have one.
 */
public interface ControlPlane {

  /** Deletes the operator's pod (grace period 0); its Deployment starts a new one. */
  void killOperator();

  /**
   * {@code kill 1} in the JobManager's main container: the process dies, the kubelet restarts the
   * container in the same pod (a crash, unlike a pod deletion).
   */
  void killJobManagerProcess();

  /**
   * Upgrades (or puts back) the operator by Helm to {@code version}, CRDs replaced first; the job
   * keeps running. Returns the version it replaced.
   */
  String upgradeOperator(String version);
}
