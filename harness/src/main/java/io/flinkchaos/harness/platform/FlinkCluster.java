package io.flinkchaos.harness.platform;

import io.flinkchaos.harness.flink.FlinkRest;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.report.Evidence;
import java.util.SortedSet;
import org.apache.flink.api.common.JobID;

/**
 * A running Flink session cluster on some platform: the front door scenarios deploy jobs through
 * and observe, and the capabilities it hands out for the rest (process faults, job lifecycle, the
 * Kubernetes control plane). Implementations: local processes, or a FlinkDeployment on Kubernetes.
 */
public interface FlinkCluster {

  ClusterSpec spec();

  /** The Flink REST endpoint of the current JobManager leader. */
  FlinkRest rest();

  /**
   * The jobs on this cluster that have not ended, one line each: a cluster that still runs one is
   * not reused for the next scenario.
   */
  default java.util.List<String> unfinishedJobs() {
    return rest().jobs().stream()
        .filter(job -> !job.getStatus().isGloballyTerminalState())
        .map(job -> "job " + job.getJobId() + " (" + job.getJobName() + ") " + job.getStatus())
        .toList();
  }

  Storage storage();

  /** Deploys a job (a FlinkSessionJob on Kubernetes), from a snapshot or (null) fresh. */
  DeployedJob deploy(JobSpec spec, String restorePath);

  /** Stops a job without a snapshot; fine if it has already ended. */
  void cancel(DeployedJob job);

  /** The logical numbers (1-based) of the TaskManagers that run RUNNING subtasks of the job. */
  default SortedSet<Integer> taskManagersRunning(JobID job) {
    return taskManagerNumbers(rest().taskManagersRunning(job));
  }

  /** The logical numbers (1-based) of the TaskManagers with these Flink resource ids. */
  SortedSet<Integer> taskManagerNumbers(java.util.Collection<String> resourceIds);

  /** How many TaskManagers are registered with the JobManager right now. */
  int registeredTaskManagers();

  /** Waits until the cluster is back to its full shape (e.g. after a fault) and ready. */
  void awaitReady();

  /** Adds logs and platform state to a scenario's evidence. */
  void collectEvidence(Evidence evidence);

  ProcessFaults processes();

  JobLifecycle jobs();

  /** The operator and kubelet around the cluster; missing outside Kubernetes. */
  Capability<ControlPlane> controlPlane();

  /**
   * Upgrading a job together with its cluster's Flink version, or why this cluster cannot: only a
   * FlinkDeployment that runs one job (the operator's application mode) has a Flink version of its
   * own to change.
   */
  default Capability<FlinkVersionUpgrades> flinkVersionUpgrades() {
    return Capability.missing(
        "needs the Flink Kubernetes Operator in application mode (the job's FlinkDeployment"
            + " carries the image and flinkVersion): run with -Dharness.platform=k3s"
            + " -Dharness.k8s.mode=application");
  }

  /** Cutting and slowing the links between the cluster's processes, or why this cluster cannot. */
  default Capability<NetworkFaults> network() {
    return Capability.missing(
        "needs the local platform with separate networks (network namespaces, as root) or the"
            + " k3s platform (routes in the pods' network namespaces, from the node)");
  }
}
