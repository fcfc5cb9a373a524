package io.flinkchaos.harness.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * SQL jobs as teams submit them: a statement file run by a SQL runner jar, the script's text as the
 * job's argument ({@code --sql <script>}), so the cluster needs no access to the file (a session
 * cluster, a FlinkSessionJob). The runner is the fixture jobs' {@value #RUNNER_CLASS} (the pattern
 * of the operator's flink-sql-runner-example); {@value #OUTPUT_PLACEHOLDER} in the script stands
 * for a fresh output location of the cluster's storage, as in a user's job arguments.
 */
public final class SqlJobs {

  public static final String RUNNER_CLASS = "io.flinkchaos.fixtures.sql.SqlRunner";

  /** The SQL sequence job, v1: its output follows the sequence contract for 64 keys. */
  public static final String SEQUENCE_V1 = "fixtures/sql/running-count-v1.sql";

  public static final String OUTPUT_PLACEHOLDER = UserJobs.OUTPUT_PLACEHOLDER;

  private static final String VERSION = "SQL";

  private SqlJobs() {}

  /**
   * The script at {@code script}, relative to {@code projectDir} unless absolute; it must exist.
   */
  public static Path script(Path projectDir, String script) {
    Path path = projectDir.resolve(script).normalize();
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "SQL script "
              + path
              + " does not exist: give a path relative to "
              + projectDir
              + " or an absolute one");
    }
    return path;
  }

  /**
   * The SQL job of {@code script}, run by the runner in {@code runnerJar}. With {@value
   * #OUTPUT_PLACEHOLDER} in the script its output is known ({@code output}), though not yet its
   * keys (see {@link UserJobs#withSequenceContract}).
   */
  public static JobSpec spec(
      Path runnerJar, Path script, int parallelism, Duration checkpointInterval, URI output) {
    String text = read(script);
    return new JobSpec(
        name(script),
        VERSION,
        runnerJar,
        RUNNER_CLASS,
        arguments(text, output),
        parallelism,
        JobSpec.checkpointing(checkpointInterval),
        false,
        text.contains(OUTPUT_PLACEHOLDER) ? new OutputContract(output, 0, 0, null) : null);
  }

  /**
   * The running SQL job {@code current} changed to the query of {@code script}: the same runner,
   * output location and contract, parallelism and configuration, as a changed statement file
   * redeployed is; restored with {@code allowNonRestoredState} only when asked.
   */
  public static JobSpec changedTo(JobSpec current, Path script, boolean allowNonRestoredState) {
    if (!RUNNER_CLASS.equals(current.entryClass())) {
      throw new IllegalStateException(
          current
              + " is not a SQL job (entry class "
              + current.entryClass()
              + "): start it with 'Given the SQL job \"<script>\" runs …' to upgrade it to another"
              + " script");
    }
    OutputContract contract =
        current
            .outputContract()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        current
                            + " has no "
                            + OUTPUT_PLACEHOLDER
                            + " in its script, so the new script's output location is unknown:"
                            + " write the sink's path as "
                            + OUTPUT_PLACEHOLDER));
    String text = read(script);
    return new JobSpec(
        name(script),
        VERSION,
        current.jar(),
        RUNNER_CLASS,
        arguments(text, contract.location()),
        current.parallelism(),
        current.flinkConfiguration(),
        allowNonRestoredState,
        contract);
  }

  /** What the runner takes: {@code --sql} and the script, its placeholder replaced. */
  static List<String> arguments(String script, URI output) {
    return List.of("--sql", script.replace(OUTPUT_PLACEHOLDER, output.toString()));
  }

  private static String name(Path script) {
    return script.getFileName().toString();
  }

  private static String read(Path script) {
    try {
      String text = Files.readString(script, StandardCharsets.UTF_8);
      if (text.isBlank()) {
        throw new IllegalArgumentException("SQL script " + script + " is empty");
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read SQL script " + script + ": " + e.getMessage(), e);
    }
  }
}
