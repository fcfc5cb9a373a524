package io.flinkchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.config.ConfigFile;
import io.flinkchaos.harness.config.HarnessSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

  @TempDir Path dir;

  private HarnessSettings settings(String yaml, Properties installation) throws Exception {
    Files.createDirectories(dir.resolve("features"));
    Path file = Files.writeString(dir.resolve("flink-chaos.yaml"), yaml);
    return new HarnessSettings(new Properties(), Optional.of(ConfigFile.read(file)), installation);
  }

  private Properties installation(String flinkVersion) throws Exception {
    Path classpath = Files.writeString(dir.resolve("flink-classpath.txt"), "a.jar");
    Properties installation = new Properties();
    installation.setProperty(HarnessSettings.FLINK_VERSION, flinkVersion);
    installation.setProperty(HarnessSettings.FLINK_CLASSPATH_FILE, classpath.toString());
    return installation;
  }

  @Test
  void featuresReportsAndWorkDirectoryDefaultToTheConfigFilesDirectory() throws Exception {
    RunCommand.CucumberRun run =
        RunCommand.CucumberRun.of(
            settings("tags: '@smoke'\n", installation("1.20.3")), Path.of("/elsewhere"));

    assertThat(run.features()).isEqualTo(dir.resolve("features"));
    assertThat(run.reportsDir()).isEqualTo(dir.resolve("reports"));
    assertThat(run.workDir()).isEqualTo(dir.resolve("target/flink-chaos"));
    assertThat(run.systemProperties())
        .containsEntry("cucumber.features", dir.resolve("features").toString())
        .containsEntry("cucumber.glue", "io.flinkchaos.harness.steps")
        .containsEntry("cucumber.filter.tags", "@smoke")
        .containsEntry(HarnessSettings.REPORTS_DIR, dir.resolve("reports").toString())
        .hasEntrySatisfying(
            "cucumber.plugin",
            plugins ->
                assertThat(plugins)
                    .contains("ConsoleVerdictReporter")
                    .contains("RunSummaryReporter")
                    .contains("junit:" + dir.resolve("reports/junit/cucumber.xml"))
                    .contains("json:" + dir.resolve("reports/cucumber.json")));
  }

  @Test
  void aFlinkVersionTheBuildDidNotPrepareStopsTheRunSayingHowToBuildIt() throws Exception {
    HarnessSettings settings = settings("flink-version: 2.2.1\n", installation("1.20.3"));
    assertThatThrownBy(() -> RunCommand.CucumberRun.of(settings, dir))
        .hasMessage(
            "the run asks for Flink 2.2.1 but this harness build prepared 1.20.3: rebuild the"
                + " harness with 'mvn -B install -DskipTests -Dflink.version=2.2.1'");
  }

  @Test
  void missingFeatureFilesStopTheRunInOneLine() throws Exception {
    HarnessSettings settings = settings("features: nowhere\n", installation("1.20.3"));
    assertThatThrownBy(() -> RunCommand.CucumberRun.of(settings, dir))
        .hasMessage(
            "no feature files at "
                + dir.resolve("nowhere")
                + ": set features: in flink-chaos.yaml, -Dharness.features=DIR or --features DIR");
  }

  @Test
  void aBadConfigFileExitsTwoWithItsOneLine() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "platfrom: k3s\n");
    StringWriter err = new StringWriter();
    int exit =
        RunCommand.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            "--config",
            file.toString());
    System.clearProperty(ConfigFile.CONFIG);

    assertThat(exit).isEqualTo(RunCommand.EXIT_NOTHING_RAN);
    assertThat(err.toString()).startsWith("flink-chaos: " + file + ": unknown key 'platfrom'");
  }
}
