package io.flinkchaos.harness.platform;

import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.upgrade.FlinkVersionUpgradeOutcome;
import io.flinkchaos.harness.upgrade.UpgradeMode;

/**
 * Upgrades a job together with the Flink version of the cluster it runs on, as the Flink Kubernetes
 * Operator does when a FlinkDeployment's {@code flinkVersion} and {@code image} change: only where
 * the job owns its cluster (the operator's application mode).
 */
public interface FlinkVersionUpgrades {

  /** The Flink version the job's cluster runs, as the operator names it ({@code v1_20}). */
  String flinkVersionOf(DeployedJob job);

  /**
   * Replaces the running job with {@code next} on Flink {@code flinkVersion} (major.minor.patch)
   * under {@code mode}; the outcome says what the operator actually did.
   */
  FlinkVersionUpgradeOutcome upgrade(
      DeployedJob current, JobSpec next, String flinkVersion, UpgradeMode mode);
}
