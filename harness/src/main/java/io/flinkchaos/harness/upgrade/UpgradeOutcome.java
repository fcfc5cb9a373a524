package io.flinkchaos.harness.upgrade;

import io.flinkchaos.harness.job.DeployedJob;
import java.time.Instant;
import java.util.List;

/**
 * What an upgrade did: the job now running, the snapshot it was started from, whether a savepoint
 * upgrade fell back to last-state because the job was not running (as the operator does by
 * default), and the failed attempts on the way.
 *
 * @param job the new job, or null after a suspend
 */
public record UpgradeOutcome(
    UpgradeMode requested,
    UpgradeMode applied,
    DeployedJob job,
    SnapshotKind snapshotKind,
    String snapshotPath,
    List<String> failedAttempts,
    Instant startedAt,
    Instant finishedAt) {

  public UpgradeOutcome {
    failedAttempts = List.copyOf(failedAttempts);
  }

  public boolean fellBackToLastState() {
    return requested == UpgradeMode.SAVEPOINT && applied == UpgradeMode.LAST_STATE;
  }

  /**
   * Asked for last-state, the old job was stopped with a savepoint: what the operator does when a
   * FlinkDeployment's Flink version changes, or its latest checkpoint is older than {@code
   * kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age} ({@code
   * AbstractJobReconciler.getJobUpgrade}, release-1.15.0).
   */
  public boolean savepointInsteadOfLastState() {
    return requested == UpgradeMode.LAST_STATE
        && applied == UpgradeMode.SAVEPOINT
        && snapshotKind == SnapshotKind.SAVEPOINT;
  }

  /**
   * What was asked and what was done, from what the platform recorded: "asked last-state, the
   * operator took a savepoint".
   */
  public String modeReport() {
    String done =
        switch (snapshotKind) {
          case SAVEPOINT -> "took a savepoint";
          case CHECKPOINT ->
              "restored the latest checkpoint"
                  + (applied == UpgradeMode.LAST_STATE ? " (last-state)" : "");
          case NONE -> "started the job without state";
        };
    return "asked " + requested + ", the operator " + done;
  }

  @Override
  public String toString() {
    return requested
        + " upgrade"
        + (fellBackToLastState() ? " (fell back to last-state: the job was not running)" : "")
        + (savepointInsteadOfLastState() ? " (a savepoint instead: the Flink version changed)" : "")
        + (snapshotKind == SnapshotKind.NONE
            ? ", started fresh"
            : ", from " + snapshotKind.name().toLowerCase() + " " + snapshotPath)
        + (job == null ? "" : " as job " + job.jobId())
        + (failedAttempts.isEmpty() ? "" : " after: " + String.join("; ", failedAttempts));
  }
}
