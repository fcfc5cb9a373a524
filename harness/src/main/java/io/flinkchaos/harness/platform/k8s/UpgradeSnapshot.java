package io.flinkchaos.harness.platform.k8s;

import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeMode;

/** What the operator restored a session job from after an upgrade or for a resume. */
record UpgradeSnapshot(UpgradeMode applied, SnapshotKind kind, String path) {

  /** What the operator writes as upgradeSavepointPath for an HA-based last-state restore. */
  static final String LAST_STATE_MARKER = "KUBERNETES_OPERATOR_LAST_STATE";

  /**
   * What the operator restored from, as its status says: {@code upgradeSavepointPath} (or the last
   * savepoint's location). A checkpoint path ({@code chk-N}) after a savepoint request means the
   * operator fell back to last-state (the job was not running).
   */
  static UpgradeSnapshot of(UpgradeMode mode, SessionJobStatus before, SessionJobStatus after) {
    if (mode == UpgradeMode.STATELESS) {
      return new UpgradeSnapshot(mode, SnapshotKind.NONE, null);
    }
    String path =
        after.upgradeSavepointPath() != null
            ? after.upgradeSavepointPath()
            : after.lastSavepointPath();
    boolean stale =
        path != null && mode == UpgradeMode.SAVEPOINT && path.equals(before.upgradeSavepointPath());
    if (path == null || stale) {
      return new UpgradeSnapshot(mode, SnapshotKind.NONE, null);
    }
    if (path.equals(LAST_STATE_MARKER)) {
      // The operator's marker for "the JobManager restores the latest checkpoint from HA data".
      return new UpgradeSnapshot(UpgradeMode.LAST_STATE, SnapshotKind.CHECKPOINT, null);
    }
    if (path.matches(".*/chk-\\d+/?(_metadata)?$")) {
      return new UpgradeSnapshot(UpgradeMode.LAST_STATE, SnapshotKind.CHECKPOINT, path);
    }
    return new UpgradeSnapshot(mode, SnapshotKind.SAVEPOINT, path);
  }
}
