package io.flinkchaos.harness.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotRefTest {

  @Test
  void aRestoreFromARetainedCheckpointFlaggedAsSavepointByFlinkIsACheckpoint() {
    // Flink 1.20.3 restores any explicit path as SavepointType.savepoint (is_savepoint=true).
    SnapshotRef restored = new SnapshotRef(3, true, "file:/tmp/run/checkpoints/abc/chk-3", 0);

    assertThat(restored.kind()).isEqualTo("checkpoint");
    assertThat(restored).hasToString("checkpoint 3 (file:/tmp/run/checkpoints/abc/chk-3)");
  }

  @Test
  void aTrailingSlashAfterChkStillNamesACheckpoint() {
    assertThat(new SnapshotRef(7, true, "s3://b/cp/abc/chk-7/", 0).kind()).isEqualTo("checkpoint");
  }

  @Test
  void aSavepointPathIsASavepoint() {
    SnapshotRef restored =
        new SnapshotRef(5, true, "file:/tmp/run/savepoints/savepoint-abc-1234", 0);

    assertThat(restored).hasToString("savepoint 5 (file:/tmp/run/savepoints/savepoint-abc-1234)");
  }

  @Test
  void aSavepointDirectoryMerelyContainingChkInItsNameIsASavepoint() {
    assertThat(new SnapshotRef(5, true, "file:/tmp/chk-3/savepoint-x", 0).kind())
        .isEqualTo("savepoint");
    assertThat(new SnapshotRef(5, true, "file:/tmp/my-chk-3", 0).kind()).isEqualTo("savepoint");
  }

  @Test
  void aCompletedCheckpointWithoutPathIsACheckpoint() {
    assertThat(new SnapshotRef(2, false, null, 0)).hasToString("checkpoint 2");
  }
}
