package io.flinkchaos.harness.upgrade;

import java.util.Optional;

/**
 * An upgrade that also changed the Flink version of the job's cluster, with what the operator
 * recorded about it: the outcome (the snapshot it restored from, read from its status), the Flink
 * versions before and after as the operator names them ({@code v1_20}, {@code v2_2}), and the
 * upgrade mode and Flink version of its last reconciled spec.
 *
 * @param recordedUpgradeMode the reconciled spec's {@code job.upgradeMode} (the mode the operator
 *     restored with), or null if it recorded none
 * @param recordedFlinkVersion the reconciled spec's {@code flinkVersion}, or null
 */
public record FlinkVersionUpgradeOutcome(
    UpgradeOutcome upgrade,
    String fromFlinkVersion,
    String toFlinkVersion,
    String recordedUpgradeMode,
    String recordedFlinkVersion) {

  /** Whether the operator's Flink version changed (a patch release keeps {@code v2_2}). */
  public boolean versionChanged() {
    return !fromFlinkVersion.equals(toFlinkVersion);
  }

  /**
   * Why this is not what the operator does for a last-state upgrade across Flink versions (stop the
   * running job with a savepoint, restore the new version from it, and record upgradeMode savepoint
   * with the new flinkVersion: {@code AbstractJobReconciler.getJobUpgrade} and {@code
   * reconcileSpecChange}, release-1.14.0 and release-1.15.0), or empty if it is.
   */
  public Optional<String> notASavepointForTheVersionChange() {
    if (!versionChanged()) {
      return Optional.of(
          "the Flink version did not change ("
              + fromFlinkVersion
              + " → "
              + toFlinkVersion
              + "), so the operator had no reason to take a savepoint: upgrade to another minor"
              + " version");
    }
    if (upgrade.requested() != UpgradeMode.LAST_STATE) {
      return Optional.of("asked " + upgrade.requested() + ", not last-state: " + report());
    }
    if (!toFlinkVersion.equals(recordedFlinkVersion)) {
      return Optional.of("the operator did not reconcile " + toFlinkVersion + ": " + report());
    }
    if (!upgrade.savepointInsteadOfLastState()) {
      return Optional.of(report());
    }
    if (!UpgradeMode.SAVEPOINT.label().equals(recordedUpgradeMode)) {
      return Optional.of(
          "the status names a savepoint, but the reconciled spec does not say savepoint: "
              + report());
    }
    return Optional.empty();
  }

  /**
   * "asked last-state, the operator took a savepoint (Flink version v1_20 → v2_2):
   * s3://…/savepoint-…; it recorded upgradeMode savepoint".
   */
  public String report() {
    return upgrade.modeReport()
        + " (Flink version "
        + fromFlinkVersion
        + " → "
        + toFlinkVersion
        + ")"
        + (upgrade.snapshotPath() == null ? "" : ": " + upgrade.snapshotPath())
        + "; it recorded upgradeMode "
        + (recordedUpgradeMode == null ? "(none)" : recordedUpgradeMode)
        + " and flinkVersion "
        + (recordedFlinkVersion == null ? "(none)" : recordedFlinkVersion);
  }

  @Override
  public String toString() {
    return report();
  }
}
