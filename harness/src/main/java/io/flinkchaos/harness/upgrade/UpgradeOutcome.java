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

  @Override
  public String toString() {
    return requested
        + " upgrade"
        + (fellBackToLastState() ? " (fell back to last-state: the job was not running)" : "")
        + (requested != applied && !fellBackToLastState() ? " (" + applied + " applied)" : "")
        + (snapshotKind == SnapshotKind.NONE
            ? ", started fresh"
            : ", from " + snapshotKind.name().toLowerCase() + " " + snapshotPath)
        + (job == null ? "" : " as job " + job.jobId())
        + (failedAttempts.isEmpty() ? "" : " after: " + String.join("; ", failedAttempts));
  }
}
