package io.flinkchaos.harness.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCommittedOutputTest {

  @TempDir Path dir;

  @Test
  void aSymlinkedBucketDirectoryIsPartOfTheOutput() throws IOException {
    // A duplicate that lives only in a symlinked bucket: skipping the link made this VALID.
    OutputLines.write(dir, "out/2026-11-25--10/part-a-0-0", OutputLines.clean(2, 0, 9, "v1"));
    OutputLines.write(dir, "elsewhere/part-a-1-0", List.of("1,4,5,v1"));
    Files.createSymbolicLink(dir.resolve("out/2026-11-25--11"), dir.resolve("elsewhere"));

    CheckResult result =
        SequenceChecker.forKeys(2).check(new FileCommittedOutput(dir.resolve("out")));

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomalies()).containsExactly(Anomaly.of(AnomalyCategory.DUPLICATED, 1, 4, 4));
    assertThat(result.files()).isEqualTo(2);
  }

  @Test
  void aSymlinkedPartFileIsRead() throws IOException {
    OutputLines.write(dir, "out/part-a-0-0", OutputLines.clean(1, 0, 4, "v1"));
    Path target = OutputLines.write(dir, "elsewhere/data", OutputLines.clean(1, 5, 9, "v1"));
    Files.createSymbolicLink(dir.resolve("out/part-a-0-1"), target);

    CheckResult result =
        SequenceChecker.forKeys(1)
            .withRecordsPerKey(10)
            .check(new FileCommittedOutput(dir.resolve("out")));

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
  }

  @Test
  void aSymlinkLoopFailsTheListingNamingTheLoop() throws IOException {
    OutputLines.write(dir, "out/part-a-0-0", OutputLines.clean(1, 0, 4, "v1"));
    Files.createDirectories(dir.resolve("out/b"));
    Files.createSymbolicLink(dir.resolve("out/b/loop"), dir.resolve("out"));
    FileCommittedOutput output = new FileCommittedOutput(dir.resolve("out"));

    assertThatThrownBy(output::committedFiles).hasMessageStartingWith("symlink loop at b/loop");
    CheckResult result = SequenceChecker.anyKeys().check(output);
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.reason()).startsWith("cannot list committed files: symlink loop at b/loop");
  }

  @Test
  void aDanglingSymlinkNamedLikeAPartFileIsUnknownNotSkipped() throws IOException {
    OutputLines.write(dir, "out/part-a-0-0", OutputLines.clean(1, 0, 4, "v1"));
    Files.createSymbolicLink(dir.resolve("out/part-a-0-1"), dir.resolve("gone"));

    CheckResult result =
        SequenceChecker.anyKeys().check(new FileCommittedOutput(dir.resolve("out")));

    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.reason()).contains("dangling symlink part-a-0-1 -> ").contains("gone");
  }
}
