package io.flinkchaos.harness.platform.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM memory flags and the derived memory configuration of a JobManager or TaskManager,
 * computed the way Flink's own start scripts do: {@code bin/config.sh} runs {@code BashJavaUtils
 * GET_JM_RESOURCE_PARAMS} / {@code GET_TM_RESOURCE_PARAMS} with the process's configuration and
 * takes the last two {@code BASH_JAVA_UTILS_EXEC_RESULT:} lines (JVM parameters, then {@code -D}
 * dynamic properties). Run in the cluster's own classpath, so the result follows the cluster's
 * Flink version whatever the harness compiled against (the legacy-heap helpers the harness called
 * before are gone in Flink 2.x). Checked by running it: 1.20.3 and 2.2.1 print both lines for both
 * roles.
 */
record FlinkMemoryFlags(List<String> jvmParameters, List<String> dynamicProperties) {

  static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

  /** A JVM start and one memory computation; seconds on a loaded 2-core machine. */
  static final Duration BOUND = Duration.ofSeconds(60);

  enum Role {
    JOB_MANAGER("GET_JM_RESOURCE_PARAMS"),
    TASK_MANAGER("GET_TM_RESOURCE_PARAMS");

    private final String command;

    Role(String command) {
      this.command = command;
    }
  }

  /** Runs BashJavaUtils for {@code role} on the configuration in {@code confDir}. */
  static FlinkMemoryFlags compute(FlinkDistribution distribution, Role role, Path confDir) {
    List<String> command =
        List.of(
            distribution.javaBinary().toString(),
            "-Xmx128m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            distribution.classpath(),
            "org.apache.flink.runtime.util.bash.BashJavaUtils",
            role.command,
            "--configDir",
            confDir.toString());
    ShortCommand.Result result = ShortCommand.attempt(BOUND, "the cluster's java binary", command);
    return parse(role, result);
  }

  static FlinkMemoryFlags parse(Role role, ShortCommand.Result result) {
    List<String> values =
        result
            .output()
            .lines()
            .filter(line -> line.startsWith(RESULT_PREFIX))
            .map(line -> line.substring(RESULT_PREFIX.length()))
            .toList();
    if (!result.succeeded() || values.size() < 2) {
      throw new IllegalStateException(
          "Flink's BashJavaUtils "
              + role.command
              + " did not compute the memory flags (exit "
              + result.exitCode()
              + "), last output: "
              + lastLines(result.output())
              + " — check the memory options in the cluster configuration");
    }
    return new FlinkMemoryFlags(
        tokens(values.get(values.size() - 2)), tokens(values.get(values.size() - 1)));
  }

  private static List<String> tokens(String line) {
    List<String> tokens = new ArrayList<>();
    Arrays.stream(line.trim().split("\\s+")).filter(t -> !t.isEmpty()).forEach(tokens::add);
    return List.copyOf(tokens);
  }

  private static String lastLines(String output) {
    List<String> lines = output.strip().lines().toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }
}
