package io.flinkchaos.harness.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserJobsTest {

  private static final URI OUTPUT = URI.create("file:/tmp/out/my-job.jar-1");

  @TempDir Path project;

  @Test
  void theJarResolvesAgainstTheProjectAndMustExist() throws IOException {
    Files.createDirectories(project.resolve("jobs"));
    Path jar = Files.createFile(project.resolve("jobs/my-job.jar"));

    assertThat(UserJobs.jar(project, "jobs/./my-job.jar")).isEqualTo(jar);
    assertThat(UserJobs.jar(project, jar.toString())).isEqualTo(jar);
    assertThatThrownBy(() -> UserJobs.jar(project, "jobs/missing.jar"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.jar does not exist")
        .hasMessageContaining(project.toString());
  }

  @Test
  void argumentsSplitOnWhiteSpaceWithTheOutputFilledIn() {
    assertThat(UserJobs.arguments("  --out {output}/records \t --rate 5 ", OUTPUT))
        .containsExactly("--out", OUTPUT + "/records", "--rate", "5");
    assertThat(UserJobs.arguments("   ", OUTPUT)).isEmpty();
  }

  @Test
  void aJobWritingToThePlaceholderHasItsOutputKnownButNoKeys() {
    JobSpec spec =
        UserJobs.spec(
            Path.of("/jobs/my-job.jar"),
            "com.example.Main",
            "--out {output}",
            2,
            Duration.ofSeconds(1),
            OUTPUT);

    assertThat(spec.name()).isEqualTo("my-job.jar");
    assertThat(spec.version()).isEqualTo("v1");
    assertThat(spec.entryClass()).isEqualTo("com.example.Main");
    assertThat(spec.args()).containsExactly("--out", OUTPUT.toString());
    assertThat(spec.parallelism()).isEqualTo(2);
    assertThat(spec.checkpointInterval()).contains(Duration.ofSeconds(1));
    assertThat(spec.allowNonRestoredState()).isFalse();
    assertThat(spec.output()).isEqualTo(new OutputContract(OUTPUT, 0, 0, null));
  }

  @Test
  void aJobWithoutThePlaceholderHasNoOutputToCheck() {
    JobSpec spec =
        UserJobs.spec(
            Path.of("/jobs/my-job.jar"),
            "Main",
            "--out /elsewhere",
            1,
            Duration.ofSeconds(1),
            OUTPUT);

    assertThat(spec.outputContract()).isEmpty();
    assertThatThrownBy(() -> UserJobs.withSequenceContract(spec, 8))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no {output} placeholder");
  }

  @Test
  void declaringTheSequenceContractAddsTheKeysAndKeepsTheRest() {
    JobSpec spec =
        UserJobs.spec(
            Path.of("/jobs/my-job.jar"),
            "Main",
            "--out {output}",
            2,
            Duration.ofSeconds(1),
            OUTPUT);

    JobSpec declared = UserJobs.withSequenceContract(spec, 8);

    assertThat(declared.output()).isEqualTo(new OutputContract(OUTPUT, 8, 0, null));
    assertThat(declared).usingRecursiveComparison().ignoringFields("output").isEqualTo(spec);
  }
}
