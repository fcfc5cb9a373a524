package io.flinkchaos.harness.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotPathsTest {

  @Test
  void aSnapshotIsTheSameWhicheverWayFlinkWritesItsPath() {
    String expected = "/tmp/savepoints/savepoint-1a2b3c";

    assertThat(SnapshotPaths.same("file:/tmp/savepoints/savepoint-1a2b3c", expected)).isTrue();
    assertThat(SnapshotPaths.same("file:///tmp/savepoints/savepoint-1a2b3c/", expected)).isTrue();
    assertThat(SnapshotPaths.same("file:/tmp/savepoints/savepoint-1a2b3c/_metadata", expected))
        .isTrue();
    assertThat(SnapshotPaths.same(" /tmp/savepoints/savepoint-1a2b3c// ", expected)).isTrue();
  }

  @Test
  void otherSnapshotsAndOtherSchemesDiffer() {
    assertThat(SnapshotPaths.same("file:/tmp/chk-3", "/tmp/chk-4")).isFalse();
    assertThat(SnapshotPaths.same("s3://bucket/chk-3", "/bucket/chk-3")).isFalse();
    assertThat(SnapshotPaths.same("s3://bucket/chk-3/_metadata", "s3://bucket/chk-3")).isTrue();
  }

  @Test
  void aMissingPathIsOnlyTheSameAsAnotherMissingOne() {
    assertThat(SnapshotPaths.same(null, "")).isTrue();
    assertThat(SnapshotPaths.same(null, "/tmp/chk-3")).isFalse();
  }
}
