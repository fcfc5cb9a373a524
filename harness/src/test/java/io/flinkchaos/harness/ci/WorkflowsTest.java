package io.flinkchaos.harness.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The GitHub workflows parse, run the suites they promise, and pin every action to a version. */
class WorkflowsTest {

  private static final Path WORKFLOWS = Path.of("..", ".github", "workflows");
  private static final YAMLMapper YAML = new YAMLMapper();

  private static JsonNode workflow(String file) throws IOException {
    return YAML.readTree(WORKFLOWS.resolve(file).toFile());
  }

  private static List<String> runs(JsonNode workflow) {
    List<String> runs = new ArrayList<>();
    workflow
        .get("jobs")
        .forEach(
            job ->
                job.get("steps")
                    .forEach(
                        step -> {
                          if (step.has("run")) {
                            runs.add(step.get("run").asText());
                          }
                        }));
    return runs;
  }

  @Test
  void everyWorkflowParsesAndPinsItsActions() throws IOException {
    try (Stream<Path> files = Files.list(WORKFLOWS)) {
      List<Path> workflows = files.filter(f -> f.toString().endsWith(".yml")).toList();
      assertThat(workflows)
          .extracting(p -> p.getFileName().toString())
          .contains("pr.yml", "nightly.yml", "release-gate.yml");
      for (Path file : workflows) {
        JsonNode workflow = YAML.readTree(file.toFile());
        assertThat(workflow.has("on")).as(file + " has triggers").isTrue();
        assertThat(workflow.get("jobs").size()).as(file + " has jobs").isPositive();
        workflow
            .get("jobs")
            .forEach(
                job -> {
                  assertThat(job.has("timeout-minutes"))
                      .as(file + ": every job is bounded")
                      .isTrue();
                  job.get("steps")
                      .forEach(
                          step -> {
                            if (step.has("uses")) {
                              assertThat(step.get("uses").asText())
                                  .as(file + ": action pinned")
                                  .matches("[\\w.-]+/[\\w.-]+@v\\d+(\\.\\d+)*");
                            }
                          });
                });
      }
    }
  }

  @Test
  void prRunsUnitTestsAndTheLocalSmokeAndSensitivitySuites() throws IOException {
    assertThat(runs(workflow("pr.yml")))
        .anySatisfy(
            run ->
                assertThat(run)
                    .contains("mvn", "verify", "@smoke", "@sensitivity", "not @extended"));
  }

  @Test
  void nightlyRunsTheExtendedSuiteOnTheLocalPlatform() throws IOException {
    JsonNode nightly = workflow("nightly.yml");
    assertThat(nightly.at("/jobs/local-extended").isMissingNode())
        .as("job local-extended")
        .isFalse();
    assertThat(runs(nightly))
        .anySatisfy(
            run ->
                assertThat(run)
                    .contains("mvn", "verify", "-Pextended")
                    .doesNotContain("harness.platform"));
  }

  @Test
  void nightlyRunsTheDefaultSuiteOnEverySupportedFlinkVersionBesidesTheDefault()
      throws IOException {
    JsonNode nightly = workflow("nightly.yml");
    JsonNode versions = nightly.at("/jobs/local-flink-versions/strategy/matrix/flink");
    assertThat(versions.size()).isGreaterThanOrEqualTo(3);
    assertThat(versions.toString()).contains("\"2.").doesNotContain("1.20.3");
    assertThat(runs(nightly))
        .anySatisfy(
            run ->
                assertThat(run)
                    .contains("mvn", "verify", "-Dflink.version=${{ matrix.flink }}")
                    .doesNotContain("harness.platform"));
  }

  @Test
  void nightlyRunsTheFullSuiteOnK3sOverAtLeastTwoOperatorVersions() throws IOException {
    JsonNode nightly = workflow("nightly.yml");
    assertThat(nightly.get("on").has("schedule")).isTrue();
    JsonNode k3s = nightly.get("jobs").get("k3s");
    assertThat(k3s.at("/strategy/matrix/operator").size()).isGreaterThanOrEqualTo(2);
    assertThat(runs(nightly))
        .anySatisfy(
            run ->
                assertThat(run)
                    .contains("-Dharness.platform=k3s")
                    .contains("-Dharness.operator.upgrade-to=${{ matrix.upgrade-to }}")
                    // every scenario but @extended: the default tags plus @object-store (MinIO)
                    .contains("\"-Dcucumber.filter.tags=not @extended\"")
                    .doesNotContain("@smoke"));
    assertThat(k3s.at("/strategy/matrix/include"))
        .as("a leg whose operator upgrade scenario has a newer version to go to")
        .anySatisfy(leg -> assertThat(leg.get("upgrade-to")).isNotNull());
  }

  @Test
  void releaseGateRunsOnDispatchAndTagsAndFailsOnAnyFailedScenario() throws IOException {
    JsonNode gate = workflow("release-gate.yml");
    assertThat(gate.get("on").has("workflow_dispatch")).isTrue();
    assertThat(gate.at("/on/push/tags").size()).isPositive();
    assertThat(runs(gate))
        .anySatisfy(run -> assertThat(run).contains("-Dharness.platform=k3s"))
        .anySatisfy(run -> assertThat(run).contains("verdict-summary"));
    assertThat(Path.of("..", ".github", "scripts", "verdict-summary")).isExecutable();
  }
}
