package io.flinkchaos.harness.upgrade;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flink refused to start the new job of an upgrade from the upgrade's snapshot, because the
 * snapshot holds state of an operator the new job does not have and the restore did not allow
 * non-restored state. Flink checks this while it creates the new job's scheduler ({@code
 * Checkpoints.loadAndValidateCheckpoint} → {@code throwNonRestoredStateException}: "Cannot map
 * checkpoint/savepoint state for operator … to the new program", read in flink-runtime 1.20.3 and
 * 2.2.1); a jar run waits for that initialization and fails with it ({@code EmbeddedExecutor} →
 * {@code ClientUtils.waitUntilJobInitializationFinished}, flink-clients 1.20.3). The old job was
 * already stopped by the upgrade, so no job runs.
 */
public final class RestoreRefusedException extends UpgradeException {

  /** Flink's own words, the same in 1.20.3 and 2.2.1 (Checkpoints.java). */
  private static final Pattern REFUSAL =
      Pattern.compile(
          "Cannot map checkpoint/savepoint state for operator ([0-9a-fA-F]+) to the new program");

  private final String operatorId;
  private final String snapshotPath;
  private final UpgradeOutcome stopped;

  private RestoreRefusedException(
      String message, String operatorId, String snapshotPath, UpgradeOutcome stopped) {
    super(message);
    this.operatorId = operatorId;
    this.snapshotPath = snapshotPath;
    this.stopped = stopped;
  }

  /**
   * The refusal Flink's error text reports, if it is one.
   *
   * @param flinkError what Flink answered (a REST error or a job's root exception)
   * @param newJob the job that was refused, as a scenario names it
   * @param stopped how the old job was stopped: its mode and snapshot (no new job)
   */
  public static Optional<RestoreRefusedException> in(
      String flinkError, String newJob, UpgradeOutcome stopped) {
    if (flinkError == null) {
      return Optional.empty();
    }
    Matcher matcher = REFUSAL.matcher(flinkError);
    if (!matcher.find()) {
      return Optional.empty();
    }
    String operator = matcher.group(1);
    String snapshot = stopped.snapshotPath();
    return Optional.of(
        new RestoreRefusedException(
            "Flink refused to start "
                + newJob
                + " from "
                + stopped.snapshotKind().name().toLowerCase()
                + " "
                + snapshot
                + ": it holds state of operator "
                + operator
                + " that the new job does not have (Flink: \"Cannot map checkpoint/savepoint state"
                + " for operator "
                + operator
                + " to the new program\"); the old job was stopped by the "
                + stopped.applied()
                + " upgrade and no job runs now: keep the operator ids (uids; for SQL a compiled"
                + " plan), or restore with allowNonRestoredState and lose that state, or resume the"
                + " old version from "
                + snapshot,
            operator,
            snapshot,
            stopped));
  }

  /** The operator (id as Flink reports it) whose state the new job has no place for. */
  public String operatorId() {
    return operatorId;
  }

  /** The snapshot Flink refused to restore, which the old version can resume from. */
  public String snapshotPath() {
    return snapshotPath;
  }

  /** The stop of the old job: mode, snapshot and timing; {@code job()} is null. */
  public UpgradeOutcome stopped() {
    return stopped;
  }
}
