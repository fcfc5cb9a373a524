package io.flinkchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A team's repository runs the harness without forking it: {@code bin/flink-chaos} launched as its
 * own process from {@code fixtures/sample-caller/} (the working directory), which holds its own
 * {@code flink-chaos.yaml}, feature files and job jar. The harness finds Flink through the
 * installation file the build wrote, with the same values failsafe passes to ChaosSuiteIT.
 */
class SampleCallerIT {

  private static final Duration GREEN_RUN = Duration.ofMinutes(5);
  private static final Duration NO_CLUSTER_RUN = Duration.ofMinutes(2);
  private static final String SCENARIO = "orders job under a TaskManager kill";

  private static Path root;
  private static Path caller;

  @BeforeAll
  static void locate() {
    root = Path.of(System.getProperty(HarnessSettings.PROJECT_DIR)).toAbsolutePath().normalize();
    caller = root.resolve("fixtures/sample-caller");
    assertThat(caller.resolve("target/orders-job.jar"))
        .as("the caller's job jar (harness/pom.xml copies it before the ITs)")
        .isRegularFile();
    assertThat(root.resolve("harness/target/flink-chaos-installation.properties"))
        .as("the installation the launcher reads")
        .isRegularFile();
  }

  /** The launcher's exit code, its output in {@code log}. */
  private static int launch(Path log, Duration atMost, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(List.of("bash", root.resolve("bin/flink-chaos").toString()));
    command.addAll(List.of(args));
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command)
            .directory(caller.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      return Waits.until(
          "bin/flink-chaos " + String.join(" ", args) + " to exit (output: " + log + ")",
          atMost,
          Duration.ofSeconds(1),
          () -> process.isAlive() ? null : process.exitValue(),
          exit -> exit != null);
    } finally {
      // the launcher's cluster processes are its descendants: none outlives the test
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static JsonNode report() throws IOException {
    return new ObjectMapper().readTree(caller.resolve("target/reports/cucumber.json").toFile());
  }

  private static List<JsonNode> scenarios(JsonNode report) {
    return StreamSupport.stream(report.spliterator(), false)
        .flatMap(feature -> StreamSupport.stream(feature.path("elements").spliterator(), false))
        .filter(element -> element.path("type").asText().equals("scenario"))
        .toList();
  }

  private static Stream<String> stepStatuses(JsonNode scenario) {
    return StreamSupport.stream(scenario.path("steps").spliterator(), false)
        .map(step -> step.path("result").path("status").asText());
  }

  @Test
  void theCallersScenarioRunsFromItsOwnDirectoryAndPasses() throws IOException {
    Path log = root.resolve("harness/target/sample-caller/green.log");
    int exit = launch(log, GREEN_RUN);

    String output = Files.readString(log);
    assertThat(exit).as("exit code; output:%n%s", output).isZero();
    assertThat(output)
        .contains("config " + caller.resolve("flink-chaos.yaml"))
        .contains("PASSED " + SCENARIO);
    List<JsonNode> scenarios = scenarios(report());
    assertThat(scenarios).as("only the caller's green scenario (tags: not @red)").hasSize(1);
    JsonNode scenario = scenarios.get(0);
    assertThat(scenario.path("name").asText()).isEqualTo(SCENARIO);
    // Cucumber writes the uri relative to the working directory, which is the caller's
    assertThat(report().get(0).path("uri").asText())
        .as("read from the caller's own features/")
        .isEqualTo("file:features/orders.feature");
    assertThat(stepStatuses(scenario).toList()).hasSize(8).containsOnly("passed");
    assertThat(caller.resolve("target/reports/cucumber.html")).isNotEmptyFile();
    JsonNode summary =
        new ObjectMapper().readTree(caller.resolve("target/reports/summary.json").toFile());
    assertThat(summary.path("scenarios").get(0).path("status").asText())
        .as("the caller's summary.json")
        .isEqualTo("PASSED");
    assertThat(caller.resolve("target/reports/index.html")).isNotEmptyFile();
    assertThat(caller.resolve("target/reports/junit/cucumber.xml")).isNotEmptyFile();
    assertThat(caller.resolve("target/flink-chaos-harness.log")).exists();
  }

  @Test
  void aFailedScenarioExitsOne() throws IOException {
    Path log = root.resolve("harness/target/sample-caller/red.log");
    int exit = launch(log, NO_CLUSTER_RUN, "--tags", "@red");

    String output = Files.readString(log);
    assertThat(exit).as("exit code; output:%n%s", output).isEqualTo(RunCommand.EXIT_FAILED);
    List<JsonNode> scenarios = scenarios(report());
    assertThat(scenarios).hasSize(1);
    assertThat(stepStatuses(scenarios.get(0)).toList()).containsExactly("failed");
    assertThat(scenarios.get(0).at("/steps/0/result/error_message").asText())
        .contains("no job 'payments'")
        .contains("(jobs: orders)");
  }

  @Test
  void noMatchingScenarioExitsTwoSayingSo() throws IOException {
    Path log = root.resolve("harness/target/sample-caller/none.log");
    int exit = launch(log, NO_CLUSTER_RUN, "-Dcucumber.filter.tags=@no-such-tag");

    assertThat(exit).isEqualTo(RunCommand.EXIT_NOTHING_RAN);
    assertThat(Files.readString(log))
        .contains("flink-chaos: no scenario ran: none in " + caller.resolve("features"))
        .contains("the tags '@no-such-tag'");
  }
}
