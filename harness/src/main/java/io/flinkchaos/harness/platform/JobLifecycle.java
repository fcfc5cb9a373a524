package io.flinkchaos.harness.platform;

import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;

/**
 * Upgrades, suspends and resumes a running job with the Flink Kubernetes Operator's semantics:
 * through a FlinkSessionJob on Kubernetes, over Flink's REST API locally.
 */
public interface JobLifecycle {

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
}
