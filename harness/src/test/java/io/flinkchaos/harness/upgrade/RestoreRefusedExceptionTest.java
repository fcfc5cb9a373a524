package io.flinkchaos.harness.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreRefusedExceptionTest {

  private static final String SAVEPOINT = "file:/flink/savepoints/savepoint-5f1e2a-0c1d2e3f4a5b";

  private static final UpgradeOutcome STOPPED =
      new UpgradeOutcome(
          UpgradeMode.SAVEPOINT,
          UpgradeMode.SAVEPOINT,
          null,
          SnapshotKind.SAVEPOINT,
          SAVEPOINT,
          List.of(),
          Instant.EPOCH,
          Instant.EPOCH.plusMillis(900));

  /** The message of Checkpoints.throwNonRestoredStateException, flink-runtime 1.20.3 and 2.2.1. */
  private static String flinkRefusal(String operator) {
    return String.format(
        "Failed to rollback to checkpoint/savepoint %s. Cannot map checkpoint/savepoint state for"
            + " operator %s to the new program, because the operator is not available in the new"
            + " program. If you want to allow to skip this, you can set the"
            + " --allowNonRestoredState option on the CLI.",
        SAVEPOINT, operator);
  }

  @Test
  void readsTheOperatorFromFlinksRefusalInsideAJarRunError() {
    String error =
        "POST /jars/x/run at http://127.0.0.1:8081 failed (400): Could not execute application."
            + " Caused by: java.lang.IllegalStateException: "
            + flinkRefusal("55785f9edccd37ac9093dea77018f09d");

    RestoreRefusedException refused =
        RestoreRefusedException.in(error, "running-count-grouped.sql SQL (parallelism 2)", STOPPED)
            .orElseThrow();

    assertThat(refused.operatorId()).isEqualTo("55785f9edccd37ac9093dea77018f09d");
    assertThat(refused.snapshotPath()).isEqualTo(SAVEPOINT);
    assertThat(refused.getMessage())
        .isEqualTo(
            "Flink refused to start running-count-grouped.sql SQL (parallelism 2) from savepoint "
                + SAVEPOINT
                + ": it holds state of operator 55785f9edccd37ac9093dea77018f09d that the new job"
                + " does not have (Flink: \"Cannot map checkpoint/savepoint state for operator"
                + " 55785f9edccd37ac9093dea77018f09d to the new program\"); the old job was stopped"
                + " by the savepoint upgrade and no job runs now: keep the operator ids (uids; for"
                + " SQL a compiled plan), or restore with allowNonRestoredState and lose that"
                + " state, or resume the old version from "
                + SAVEPOINT);
  }

  @Test
  void otherRestoreFailuresAreNotARefusal() {
    assertThat(
            RestoreRefusedException.in(
                "Could not execute application. Caused by: java.io.FileNotFoundException: Cannot"
                    + " find checkpoint or savepoint file/directory '"
                    + SAVEPOINT
                    + "' on file system 'file'.",
                "v2",
                STOPPED))
        .isEmpty();
    assertThat(
            RestoreRefusedException.in(
                "Failed to rollback to checkpoint/savepoint "
                    + SAVEPOINT
                    + ". Max parallelism mismatch between checkpoint/savepoint state and new"
                    + " program.",
                "v2",
                STOPPED))
        .isEmpty();
    assertThat(RestoreRefusedException.in(null, "v2", STOPPED)).isEmpty();
  }

  /**
   * The jar run's answer when Flink 1.20.3 is asked to restore a savepoint Flink 2.2.1 wrote,
   * measured on the local platform: MetadataSerializers.getSerializer of flink-runtime 1.20.3 knows
   * versions 1 to 4, Checkpoints.storeCheckpointMetadata of 2.2.1 writes version 6.
   */
  @Test
  void readsAnUnreadableMetadataVersionFromAJarRunError() {
    String error =
        "POST /jars/5e0fe79a_flink-chaos-fixture-jobs.jar/run at http://127.0.0.1:15193 failed"
            + " (400): Could not execute application. Caused by:"
            + " java.lang.IllegalArgumentException: Unrecognized checkpoint version number: 6";

    RestoreRefusedException refused =
        RestoreRefusedException.in(error, "sequence-job v1 (parallelism 2)", STOPPED).orElseThrow();

    assertThat(refused.flinkWords()).isEqualTo("Unrecognized checkpoint version number: 6");
    assertThat(refused.operatorId()).isNull();
    assertThat(refused.snapshotPath()).isEqualTo(SAVEPOINT);
    assertThat(refused.getMessage())
        .isEqualTo(
            "Flink refused to start sequence-job v1 (parallelism 2) from savepoint "
                + SAVEPOINT
                + ": its metadata is format version 6, which this Flink cannot read (Flink:"
                + " \"Unrecognized checkpoint version number: 6\"; a newer Flink wrote it: 1.20"
                + " reads up to version 4, 2.0 up to 5, 2.1 and 2.2 up to 6); the old job was"
                + " stopped by the savepoint upgrade and no job runs now: a savepoint does not"
                + " carry state back to an older Flink that cannot read its format; resume the"
                + " Flink version that wrote it from "
                + SAVEPOINT);
  }

  @Test
  void anOperatorRefusalNamesFlinksWords() {
    RestoreRefusedException refused =
        RestoreRefusedException.in(flinkRefusal("0a1b"), "v2", STOPPED).orElseThrow();

    assertThat(refused.flinkWords())
        .isEqualTo("Cannot map checkpoint/savepoint state for operator 0a1b to the new program");
  }

  @Test
  void aCorruptSavepointIsNotAFormatRefusal() {
    // Checkpoints.loadCheckpointMetadata's other refusal (a wrong magic number) is not a format
    // a newer Flink wrote: no resume of another version reads it either.
    assertThat(
            RestoreRefusedException.in(
                "Caused by: java.io.IOException: Unexpected magic number. This can have multiple"
                    + " reasons: (1) You are trying to load a Flink 1.0 savepoint, which is not"
                    + " supported by this version of Flink.",
                "v1",
                STOPPED))
        .isEmpty();
  }
}
