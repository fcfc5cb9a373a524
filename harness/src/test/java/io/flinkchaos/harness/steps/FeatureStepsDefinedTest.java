package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every step of every feature file has a step definition: Cucumber's dry run (no hook runs, no
 * cluster starts) over features/, which fails on an undefined step.
 */
class FeatureStepsDefinedTest {

  private static byte dryRun(Path features) {
    return io.cucumber.core.cli.Main.run(
        new String[] {
          "--dry-run",
          "--glue",
          "io.flinkchaos.harness.steps",
          "--plugin",
          "summary",
          features.toString()
        },
        FeatureStepsDefinedTest.class.getClassLoader());
  }

  @Test
  void everyStepOfEveryFeatureFileIsDefined() {
    assertThat(dryRun(Path.of("..", "features"))).as("Cucumber's exit status").isZero();
  }

  @Test
  void everyStepOfTheSampleCallersFeatureFilesIsDefined() {
    assertThat(dryRun(Path.of("..", "fixtures", "sample-caller", "features")))
        .as("Cucumber's exit status")
        .isZero();
  }

  @Test
  void anUndefinedStepFailsTheDryRun(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("undefined.feature"),
        "Feature: f\n  Scenario: s\n    When the job is upgraded to v2 on Flink 2.2.1 quickly\n");

    assertThat(dryRun(dir)).isNotZero();
  }
}
