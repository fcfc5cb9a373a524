package io.flinkchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded {@code target/flink-chaos-check.jar} (built in package) run as users run it. */
class CheckJarIT {

  private static final Path JAR = Path.of("target", "flink-chaos-check.jar").toAbsolutePath();

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  @BeforeAll
  static void jarIsBuilt() {
    assertThat(JAR).as("the shaded checker jar (mvn package builds it)").isRegularFile();
  }

  private Run java(String... args) throws IOException, InterruptedException {
    return javaWith(List.of(), args);
  }

  private Run javaWith(List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("jar exited within 60 s").isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private Path output(String... extraLines) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int seq = 0; seq < 50; seq++) {
      for (int key = 0; key < 3; key++) {
        lines.add(key + "," + seq + "," + (seq + 1) + ",v1");
      }
    }
    Path output = dir.resolve("out");
    Files.createDirectories(output.resolve("2026-11-25--10"));
    Files.write(output.resolve("2026-11-25--10/part-a-0-0"), lines);
    Files.write(output.resolve("2026-11-25--10/part-a-1-0"), List.of(extraLines));
    return output;
  }

  @Test
  void validOutputExitsZero() throws Exception {
    Run run = java(output().toString(), "--keys", "3", "--records-per-key", "50");

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("output checker: VALID - 150 records, 3 keys");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void duplicateExitsOneAndNamesKeyAndSeq() throws Exception {
    Run run = java(output("2,17,18,v1").toString());

    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("  duplicated key 2 seq 17").contains("verdict: INVALID");
  }

  @Test
  void missingDirectoryIsOneLineWithoutStackTrace() throws Exception {
    Run run = java(dir.resolve("nowhere").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().asString().contains("no such directory");
  }

  @Test
  void aFiftyMegabyteWitnessLineUnder32MegabytesOfHeapIsAnUnexpectedLineNotAnOutOfMemoryError()
      throws Exception {
    Path witness = Files.createDirectories(dir.resolve("witness"));
    Files.write(witness.resolve("part-w-1-0"), List.of("0,0,0,witness-started"));
    byte[] chunk = new byte[1 << 20];
    java.util.Arrays.fill(chunk, (byte) 'x');
    try (var out = Files.newOutputStream(witness.resolve("part-w-0-0"))) {
      for (int i = 0; i < 50; i++) {
        out.write(chunk);
      }
    }

    Run run =
        javaWith(
            List.of("-Xmx32m"),
            output().toString(),
            "--keys",
            "3",
            "--records-per-key",
            "50",
            "--witness",
            witness.toString());

    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("unreadable witness line 1 of part-w-0-0: line longer than 65536 bytes");
    assertThat(run.err()).doesNotContain("OutOfMemoryError");
  }
}
