package io.flinkchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.check.OutputLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  @TempDir Path dir;

  /** What one run of the command printed and returned. */
  private record Run(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private static Run check(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CheckCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static List<String> clean(int keys, long from, long to, String version) {
    return OutputLines.clean(keys, from, to, version);
  }

  private Path write(String relativePath, List<String> lines) throws IOException {
    return OutputLines.write(dir, relativePath, lines);
  }

  @Test
  void validOutputExitsZeroAndPrintsTheVolume() throws IOException {
    write("out/2026-11-25--10/part-a-0-0", clean(4, 0, 49, "v1"));
    write("out/2026-11-25--10/part-a-1-0", clean(4, 50, 99, "v1"));
    write("out/2026-11-25--10/.part-a-1-1.inprogress.42", clean(4, 100, 110, "v1"));

    Run run = check(dir.resolve("out").toString(), "--keys", "4", "--records-per-key", "100");

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("output checker: VALID - 400 records, 4 keys, 2 committed files, versions v1")
        .contains(dir.resolve("out").toUri().toString())
        .endsWith("verdict: VALID" + System.lineSeparator());
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aDuplicatedLineExitsOneAndNamesKeyAndSeq() throws IOException {
    write("out/part-a-0-0", clean(4, 0, 99, "v1"));
    write("out/part-a-0-1", List.of("3,42,43,v1"));

    Run run = check(dir.resolve("out").toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines())
        .contains("  duplicated key 3 seq 42")
        .contains("verdict: INVALID")
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("output checker: INVALID - 401 records, 4 keys, 2 committed files")
                    .contains("duplicated 1 records in 1 range"));
  }

  @Test
  void onlyTheFirstAnomaliesArePrinted() throws IOException {
    List<String> lines = clean(20, 0, 9, "v1");
    lines.addAll(clean(20, 5, 5, "v1"));
    write("out/part-a-0-0", lines);

    Run run = check(dir.resolve("out").toString(), "--max-anomalies", "3");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines().filter(l -> l.startsWith("  duplicated"))).hasSize(3);
    assertThat(run.out()).contains("  ... 17 more anomaly ranges");
  }

  @Test
  void boundedRunWithMissingTailIsInvalid() throws IOException {
    write("out/part-a-0-0", clean(2, 0, 89, "v1"));

    Run run = check(dir.resolve("out").toString(), "--keys", "3", "--records-per-key", "100");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("  lost key 0 seq 90..99")
        .contains("  lost key 2 seq 0..99 (no committed record for this key)");
  }

  @Test
  void versionsAreCheckedInUpgradeOrder() throws IOException {
    write("out/part-a-0-0", clean(2, 0, 9, "v1"));
    write("out/part-a-0-1", clean(2, 10, 19, "v2"));

    assertThat(check(dir.resolve("out").toString(), "--versions", "v1,v2").code()).isZero();
    Run run = check(dir.resolve("out").toString(), "--versions", "v1,v2,v3");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("never switched to v3");
  }

  @Test
  void emptyOutputIsUnknown() throws IOException {
    Files.createDirectories(dir.resolve("out"));

    Run run = check(dir.resolve("out").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).contains("output checker: UNKNOWN (no committed part files yet)");
  }

  @Test
  void missingDirectoryIsOneLineAndExitTwo() {
    Run run = check(dir.resolve("nowhere").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("flink-chaos-check: OUTPUT: no such directory: ")
        .contains("nowhere");
  }

  @Test
  void aPartFileInsteadOfTheDirectoryIsOneLine() throws IOException {
    Path file = write("out/part-a-0-0", clean(1, 0, 1, "v1"));

    Run run = check(file.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().contains("not a directory");
  }

  @Test
  void unknownOptionIsOneLineAndExitTwo() throws IOException {
    write("out/part-a-0-0", clean(1, 0, 1, "v1"));

    Run run = check(dir.resolve("out").toString(), "--kees", "4");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .isEqualTo("flink-chaos-check: Unknown options: '--kees', '4' (see --help)");
  }

  @Test
  void missingOutputArgumentIsOneLine() {
    Run run = check();

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().contains("OUTPUT");
  }

  @Test
  void badNumbersAndUrisAreOneLine() {
    assertThat(check(dir.toString(), "--keys", "x").errLines())
        .singleElement()
        .asString()
        .contains("--keys");
    assertThat(check(dir.toString(), "--keys", "0").errLines())
        .singleElement()
        .asString()
        .contains("--keys must be at least 1");
    Run badUri = check("s3://bucket with space/prefix");
    assertThat(badUri.code()).isEqualTo(2);
    assertThat(badUri.errLines()).singleElement().asString().contains("not a valid URI");
    Run noBucket = check("s3:///prefix");
    assertThat(noBucket.errLines()).singleElement().asString().contains("no bucket");
    Run oneSlash = check("s3:/bucket/prefix");
    assertThat(oneSlash.errLines()).singleElement().asString().contains("no bucket");
    Run noKafka = check("kafka://127.0.0.1:1/orders-out");
    assertThat(noKafka.code()).isEqualTo(2);
    assertThat(noKafka.errLines())
        .singleElement()
        .asString()
        .contains("nothing accepts connections at 127.0.0.1:1");
    Run noTopic = check("kafka://127.0.0.1:9092");
    assertThat(noTopic.errLines()).singleElement().asString().contains("expected kafka://");
    Run http = check("http://example.com/out");
    assertThat(http.errLines()).singleElement().asString().contains("unsupported location");
    Run endpoint = check("s3://bucket/prefix", "--s3-endpoint", "localhost:9000");
    assertThat(endpoint.errLines())
        .singleElement()
        .asString()
        .contains("--s3-endpoint must be an http(s) URL");
  }

  @Test
  void unreachableEndpointIsOneLineAndFast() {
    System.setProperty("aws.accessKeyId", "test-access");
    System.setProperty("aws.secretAccessKey", "test-secret-never-printed");
    long start = System.nanoTime();

    Run run;
    try {
      run =
          check(
              "s3://bucket/prefix",
              "--s3-endpoint",
              "http://127.0.0.1:1",
              "--s3-region",
              "us-east-1");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("flink-chaos-check: OUTPUT: ")
        .contains("cannot reach http://127.0.0.1:1")
        .contains("check --s3-endpoint")
        .doesNotContain("test-secret-never-printed");
    assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
  }

  @Test
  void witnessAgreeingIsCombined() throws IOException {
    write("out/part-a-0-0", clean(2, 0, 9, "v1"));
    write("witness/part-w-0-0", List.of("0,0,0,witness-started"));

    Run run = check(dir.resolve("out").toString(), "--witness", dir.resolve("witness").toString());

    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("in-job witness: VALID - 0 violations seen inside the job over 1 task attempts")
        .doesNotContain("disagree");
  }

  @Test
  void witnessDisagreementIsReportedAndWorstWins() throws IOException {
    write("out/part-a-0-0", clean(2, 0, 9, "v1"));
    write("witness/part-w-0-0", List.of("0,0,0,witness-started", "1,4,5,duplicated"));

    Run run = check(dir.resolve("out").toString(), "--witness", dir.resolve("witness").toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines())
        .contains("  duplicated key 1 seq 4..5")
        .contains("witnesses disagree: output checker VALID vs in-job witness INVALID (duplicated)")
        .contains("verdict: INVALID");
  }

  @Test
  void witnessWithoutStartMarkerIsUnknown() throws IOException {
    write("out/part-a-0-0", clean(2, 0, 9, "v1"));
    Files.createDirectories(dir.resolve("witness"));

    Run run = check(dir.resolve("out").toString(), "--witness", dir.resolve("witness").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).contains("verdict: UNKNOWN");
  }

  @Test
  void missingWitnessDirectoryIsOneLine() throws IOException {
    write("out/part-a-0-0", clean(2, 0, 9, "v1"));

    Run run = check(dir.resolve("out").toString(), "--witness", dir.resolve("w").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("flink-chaos-check: --witness: no such directory");
  }

  @Test
  void helpExitsZero() {
    Run run = check("--help");

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("--records-per-key").contains("--s3-endpoint");
  }

  @Test
  void aKeyOutsideTheDeclaredKeysIsUnexpectedNotACrash() throws IOException {
    write("out/part-a-0-0", List.of("0,0,1,v1", "0,1,2,v1", "1,0,1,v1", "1,1,2,v1", "7,5,6,v1"));

    Run run = check(dir.resolve("out").toString(), "--keys", "2", "--records-per-key", "2");

    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("  unexpected key 7 seq 5 (key outside 0..1)");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void noPartFilesWithDeclaredKeysIsInvalidEveryKeyLost() throws IOException {
    Files.createDirectories(dir.resolve("out"));

    Run run = check(dir.resolve("out").toString(), "--keys", "2");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("  lost key 0 seq 0 (no committed record for this key)")
        .contains("  lost key 1 seq 0 (no committed record for this key)");
  }

  @Test
  void partFilesWithoutRecordsAreUnknownWithoutKeysAndInvalidWithKeys() throws IOException {
    write("out/part-a-0-0", List.of());

    Run unknown = check(dir.resolve("out").toString());
    Run invalid = check(dir.resolve("out").toString(), "--keys", "1");

    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.out()).contains("output checker: UNKNOWN (no records");
    assertThat(unknown.errLines()).singleElement().asString().contains("no records");
    assertThat(invalid.code()).isEqualTo(1);
  }

  @Test
  void anOutputArgumentThatIsASymlinkToTheDirectoryIsFollowed() throws IOException {
    write("out/part-a-0-0", clean(2, 0, 9, "v1"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("out"));

    Run run = check(link.toString(), "--keys", "2");

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("20 records, 2 keys, 1 committed files");
  }

  @Test
  void aSymlinkLoopIsUnknownWithOneLineOnStderr() throws IOException {
    write("out/part-a-0-0", clean(2, 0, 9, "v1"));
    Files.createDirectories(dir.resolve("out/bucket"));
    Files.createSymbolicLink(dir.resolve("out/bucket/again"), dir.resolve("out"));

    Run run = check(dir.resolve("out").toString(), "--keys", "2");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("flink-chaos-check: output checker: cannot list committed files: symlink loop")
        .contains("bucket/again");
  }

  @Test
  void aFifoNamedLikeAPartFileIsUnknownAndDoesNotHang() throws Exception {
    write("out/part-a-0-0", clean(2, 0, 9, "v1"));
    Path fifo = dir.resolve("out/part-a-1-0");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    Run run = check(dir.resolve("out").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).doesNotContain("Exception\n\tat ");
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .contains("part-a-1-0 is not a regular file");
  }

  @Test
  void anOverlongWitnessLineIsUnexpectedNotAnOutOfMemoryError() throws IOException {
    write("out/part-a-0-0", clean(1, 0, 9, "v1"));
    Path witness = Files.createDirectories(dir.resolve("witness"));
    Files.write(witness.resolve("part-w-0-0"), new byte[1 << 20]);
    Files.write(
        witness.resolve("part-w-1-0"), List.of("0,0,0,witness-started"), StandardOpenOption.CREATE);

    Run run = check(dir.resolve("out").toString(), "--witness", witness.toString());

    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("line longer than 65536 bytes");
  }
}
