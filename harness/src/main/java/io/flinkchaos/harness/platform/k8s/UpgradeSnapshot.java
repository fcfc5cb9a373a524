package io.flinkchaos.harness.platform.k8s;

import io.flinkchaos.harness.flink.SnapshotPaths;
import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;

/** What the operator restored a job from after an upgrade or for a resume. */
record UpgradeSnapshot(UpgradeMode applied, SnapshotKind kind, String path) {

  /**
   * What the operator restored from, as its status says: {@code jobStatus.upgradeSavepointPath}.
   * For a session job the operator writes there the savepoint of a savepoint upgrade or the latest
   * checkpoint ({@code chk-N}) it read over REST after a cancel (last-state, and the savepoint
   * upgrade's last-state fallback when the job was not running): {@code
   * sessionjob/SessionJobReconciler.java cancelJob}, {@code AbstractJobReconciler.getJobUpgrade},
   * release-1.15.0. There is no HA-based marker for session jobs ({@code
   * KUBERNETES_OPERATOR_LAST_STATE} is written only by {@code ApplicationReconciler}), and {@code
   * savepointInfo.lastSavepoint} is not updated for upgrade savepoints while FlinkStateSnapshot
   * resources are on (the default), so neither is read.
   *
   * <p>An application FlinkDeployment's last-state upgrade through its HA metadata writes the
   * operator's marker {@link SnapshotPaths#LATEST_IN_HA} instead of a path ({@code
   * ApplicationReconciler.deploy}, only when the HA store holds a checkpoint): the latest
   * checkpoint of the job's HA store, which only Flink's report after the restore names.
   *
   * <p>Any other path is a savepoint the operator took for this upgrade, and the mode applied is
   * savepoint even when last-state was asked: that is what the operator does when a
   * FlinkDeployment's {@code flinkVersion} changes and its job is running with a savepoint
   * directory ({@code AbstractJobReconciler.getJobUpgrade}: "Using savepoint to upgrade Flink
   * version").
   */
  static UpgradeSnapshot of(UpgradeMode mode, OperatorStatus before, OperatorStatus after) {
    if (mode == UpgradeMode.STATELESS) {
      return new UpgradeSnapshot(mode, SnapshotKind.NONE, null);
    }
    String path = after.upgradeSavepointPath();
    if (SnapshotPaths.LATEST_IN_HA.equals(path)) {
      return new UpgradeSnapshot(UpgradeMode.LAST_STATE, SnapshotKind.CHECKPOINT, path);
    }
    boolean checkpoint = path != null && path.matches(".*/chk-\\d+/?(_metadata)?$");
    // a savepoint path that was there before is an earlier upgrade's, not this one's
    boolean stale =
        path != null
            && path.equals(before.upgradeSavepointPath())
            && (mode == UpgradeMode.SAVEPOINT || !checkpoint);
    if (path == null || stale) {
      return new UpgradeSnapshot(mode, SnapshotKind.NONE, null);
    }
    if (checkpoint) {
      return new UpgradeSnapshot(UpgradeMode.LAST_STATE, SnapshotKind.CHECKPOINT, path);
    }
    // A savepoint, whatever was asked: after a last-state request the operator stopped the job
    // with a savepoint instead (a FlinkDeployment's Flink version changed, or its latest checkpoint
    // was too old: AbstractJobReconciler.getJobUpgrade, release-1.15.0 and release-1.14.0).
    return new UpgradeSnapshot(UpgradeMode.SAVEPOINT, SnapshotKind.SAVEPOINT, path);
  }

  /**
   * The outcome of an upgrade ({@code job} the new one) or a suspension ({@code job} null) that
   * started at {@code startedAt} and ended now, from this snapshot.
   */
  UpgradeOutcome outcome(
      UpgradeMode requested,
      io.flinkchaos.harness.job.DeployedJob job,
      java.time.Instant startedAt,
      java.util.List<String> failedAttempts) {
    return new UpgradeOutcome(
        requested, applied, job, kind, path, failedAttempts, startedAt, java.time.Instant.now());
  }
}
