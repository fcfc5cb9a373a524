package io.flinkchaos.harness.platform;

import io.flinkchaos.harness.flink.FlinkRestClient;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.report.Evidence;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;

/**
 * A running Flink session cluster on some platform: what scenarios deploy jobs to, inject faults
 * into, and observe. Implementations: local processes, or a FlinkDeployment on Kubernetes.
 */
public interface FlinkCluster {

  ClusterSpec spec();

  /** The Flink REST endpoint of the current JobManager leader. */
  FlinkRestClient rest();

  Storage storage();

  /** Deploys a job (a FlinkSessionJob on Kubernetes), from a snapshot or (null) fresh. */
  DeployedJob deploy(JobSpec spec, String restorePath);

  /** Stops a job without a snapshot; fine if it has already ended. */
  void cancel(DeployedJob job);

  /** The 1-based indexes of the TaskManagers that run RUNNING subtasks of the job. */
  java.util.SortedSet<Integer> taskManagersRunning(org.apache.flink.api.common.JobID job);

  /** Kills TaskManager {@code index} (1-based) with SIGKILL / pod deletion, grace period 0. */
  void killTaskManager(int index);

  /** Kills the JobManager (SIGKILL / pod deletion); with HA the job must come back by itself. */
  void killJobManager();

  /** Takes TaskManager {@code index} away without a replacement until it is brought back. */
  void takeTaskManagerDown(int index);

  /** Brings a TaskManager taken down back (a new process / pod). */
  void bringTaskManagerBack(int index);

  /** Replaces the running job with {@code next} under {@code mode}, as the operator does. */
  default UpgradeOutcome upgrade(DeployedJob current, JobSpec next, UpgradeMode mode) {
    return upgrade(current, next, mode, () -> {});
  }

  /**
   * Like {@link #upgrade(DeployedJob, JobSpec, UpgradeMode)}; {@code whileSnapshotting} runs while
   * the old job is being stopped (during the upgrade savepoint in savepoint mode), so a fault can
   * hit that moment.
   */
  UpgradeOutcome upgrade(
      DeployedJob current, JobSpec next, UpgradeMode mode, Runnable whileSnapshotting);

  /** Suspends the job ({@code job.state: suspended}) with the mechanism of {@code mode}. */
  UpgradeOutcome suspend(DeployedJob current, UpgradeMode mode);

  /** Resumes a suspended job ({@code job.state: running}) from the suspension's snapshot. */
  DeployedJob resume(UpgradeOutcome suspension, JobSpec spec);

  /** How many TaskManagers are registered with the JobManager right now. */
  int registeredTaskManagers();

  /** Waits until the cluster is back to its full shape (e.g. after a fault) and ready. */
  void awaitReady();

  /** Adds logs and platform state to a scenario's evidence. */
  void collectEvidence(Evidence evidence);
}
