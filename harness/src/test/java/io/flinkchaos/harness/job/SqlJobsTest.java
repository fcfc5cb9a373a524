package io.flinkchaos.harness.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlJobsTest {

  private static final Path RUNNER = Path.of("fixtures.jar");
  private static final URI OUTPUT = URI.create("file:/run/output/sql-v1/");

  @TempDir Path dir;

  private Path script(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void theRunnerGetsTheScriptWithTheOutputPlaceholderReplaced() throws IOException {
    Path v1 = script("v1.sql", "INSERT INTO t SELECT 1; -- 'path' = '{output}'");

    JobSpec spec = SqlJobs.spec(RUNNER, v1, 2, Duration.ofSeconds(1), OUTPUT);

    assertThat(spec.entryClass()).isEqualTo(SqlJobs.RUNNER_CLASS);
    assertThat(spec.jar()).isEqualTo(RUNNER);
    assertThat(spec.args())
        .containsExactly("--sql", "INSERT INTO t SELECT 1; -- 'path' = '" + OUTPUT + "'");
    assertThat(spec.outputContract()).contains(new OutputContract(OUTPUT, 0, 0, null));
    assertThat(spec.checkpointInterval()).contains(Duration.ofSeconds(1));
    assertThat(spec.allowNonRestoredState()).isFalse();
  }

  @Test
  void aScriptWithoutThePlaceholderHasNoKnownOutput() throws IOException {
    Path script = script("print.sql", "INSERT INTO printed SELECT 1;");

    assertThat(SqlJobs.spec(RUNNER, script, 1, Duration.ofSeconds(1), OUTPUT).outputContract())
        .isEmpty();
  }

  @Test
  void aChangedScriptKeepsTheRunnerOutputContractAndConfiguration() throws IOException {
    JobSpec v1 =
        UserJobs.withSequenceContract(
                SqlJobs.spec(
                    RUNNER, script("v1.sql", "'{output}' v1"), 2, Duration.ofSeconds(1), OUTPUT),
                64)
            .withParallelism(3);

    JobSpec v2 = SqlJobs.changedTo(v1, script("v2.sql", "'{output}' v2"), true);

    assertThat(v2.args()).containsExactly("--sql", "'" + OUTPUT + "' v2");
    assertThat(v2.jar()).isEqualTo(RUNNER);
    assertThat(v2.parallelism()).isEqualTo(3);
    assertThat(v2.outputContract()).contains(new OutputContract(OUTPUT, 64, 0, null));
    assertThat(v2.flinkConfiguration()).isEqualTo(v1.flinkConfiguration());
    assertThat(v2.allowNonRestoredState()).isTrue();
    assertThat(SqlJobs.changedTo(v1, script("v3.sql", "{output}"), false).allowNonRestoredState())
        .isFalse();
  }

  @Test
  void onlyASqlJobChangesToAnotherScript() throws IOException {
    JobSpec jar =
        new JobSpec(
            "sequence",
            "v1",
            RUNNER,
            "io.flinkchaos.fixtures.SequenceJob",
            List.of(),
            2,
            Map.of(),
            false,
            null);

    assertThatThrownBy(() -> SqlJobs.changedTo(jar, script("v2.sql", "{output}"), false))
        .hasMessageStartingWith("sequence v1 (parallelism 2) is not a SQL job");
  }

  @Test
  void aMissingScriptIsOneLine() {
    assertThatThrownBy(() -> SqlJobs.script(dir, "nope.sql"))
        .hasMessage(
            "SQL script "
                + dir.resolve("nope.sql")
                + " does not exist: give a path relative to "
                + dir
                + " or an absolute one");
  }
}
