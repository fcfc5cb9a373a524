package io.flinkchaos.harness.upgrade;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flink refused to start the new job of an upgrade from the upgrade's snapshot, while it created
 * the new job's scheduler ({@code CheckpointCoordinator.restoreSavepoint} → {@code
 * Checkpoints.loadAndValidateCheckpoint}); a jar run waits for that initialization and fails with
 * it ({@code EmbeddedExecutor} → {@code ClientUtils.waitUntilJobInitializationFinished},
 * flink-clients 1.20.3). The old job was already stopped by the upgrade, so no job runs. Two
 * refusals are recognized, both read in flink-runtime 1.20.3 and 2.2.1:
 *
 * <ul>
 *   <li>the snapshot holds state of an operator the new job does not have and the restore did not
 *       allow non-restored state ({@code Checkpoints.throwNonRestoredStateException}: "Cannot map
 *       checkpoint/savepoint state for operator … to the new program");
 *   <li>the snapshot's metadata is in a format this Flink cannot read, because a newer Flink wrote
 *       it ({@code Checkpoints.loadCheckpointMetadata} → {@code MetadataSerializers.getSerializer}:
 *       "Unrecognized checkpoint version number: N"). Flink 1.20 writes and reads up to version 4,
 *       2.0 up to 5, 2.1 and 2.2 up to 6 ({@code Checkpoints.storeCheckpointMetadata}).
 * </ul>
 */
public final class RestoreRefusedException extends UpgradeException {

  /** Flink's own words, the same in 1.20.3 and 2.2.1 (Checkpoints.java). */
  private static final Pattern OPERATOR_NOT_IN_THE_NEW_JOB =
      Pattern.compile(
          "Cannot map checkpoint/savepoint state for operator ([0-9a-fA-F]+) to the new program");

  /** Flink's own words, the same in 1.20.3 and 2.2.1 (MetadataSerializers.java). */
  private static final Pattern UNREADABLE_METADATA_VERSION =
      Pattern.compile("Unrecognized checkpoint version number: (\\d+)");

  private final String flinkWords;
  private final String operatorId;
  private final String snapshotPath;
  private final UpgradeOutcome stopped;

  private RestoreRefusedException(
      String message,
      String flinkWords,
      String operatorId,
      String snapshotPath,
      UpgradeOutcome stopped) {
    super(message);
    this.flinkWords = flinkWords;
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
    Matcher operator = OPERATOR_NOT_IN_THE_NEW_JOB.matcher(flinkError);
    if (operator.find()) {
      return Optional.of(operatorNotInTheNewJob(operator, newJob, stopped));
    }
    Matcher version = UNREADABLE_METADATA_VERSION.matcher(flinkError);
    if (version.find()) {
      return Optional.of(unreadableMetadata(version, newJob, stopped));
    }
    return Optional.empty();
  }

  private static RestoreRefusedException operatorNotInTheNewJob(
      Matcher refusal, String newJob, UpgradeOutcome stopped) {
    String operator = refusal.group(1);
    String snapshot = stopped.snapshotPath();
    return new RestoreRefusedException(
        refusedToStart(newJob, stopped)
            + ": it holds state of operator "
            + operator
            + " that the new job does not have (Flink: \""
            + refusal.group()
            + "\"); the old job was stopped by the "
            + stopped.applied()
            + " upgrade and no job runs now: keep the operator ids (uids; for SQL a compiled"
            + " plan), or restore with allowNonRestoredState and lose that state, or resume the"
            + " old version from "
            + snapshot,
        refusal.group(),
        operator,
        snapshot,
        stopped);
  }

  private static RestoreRefusedException unreadableMetadata(
      Matcher refusal, String newJob, UpgradeOutcome stopped) {
    String snapshot = stopped.snapshotPath();
    return new RestoreRefusedException(
        refusedToStart(newJob, stopped)
            + ": its metadata is format version "
            + refusal.group(1)
            + ", which this Flink cannot read (Flink: \""
            + refusal.group()
            + "\"; a newer Flink wrote it: 1.20 reads up to version 4, 2.0 up to 5, 2.1 and 2.2"
            + " up to 6); the old job was stopped by the "
            + stopped.applied()
            + " upgrade and no job runs now: a savepoint does not carry state back to an older"
            + " Flink that cannot read its format; resume the Flink version that wrote it from "
            + snapshot,
        refusal.group(),
        null,
        snapshot,
        stopped);
  }

  private static String refusedToStart(String newJob, UpgradeOutcome stopped) {
    return "Flink refused to start "
        + newJob
        + " from "
        + stopped.snapshotKind().name().toLowerCase()
        + " "
        + stopped.snapshotPath();
  }

  /** Flink's words for the refusal, e.g. "Unrecognized checkpoint version number: 6". */
  public String flinkWords() {
    return flinkWords;
  }

  /**
   * The operator (id as Flink reports it) whose state the new job has no place for; null when the
   * refusal is not about an operator (an unreadable metadata format).
   */
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
