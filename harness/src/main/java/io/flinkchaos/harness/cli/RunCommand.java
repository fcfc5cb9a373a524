package io.flinkchaos.harness.cli;

import io.flinkchaos.harness.config.ConfigFile;
import io.flinkchaos.harness.config.HarnessSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a team's scenarios with the harness's steps, from the team's own repository: the feature
 * files, jobs and settings of its {@code flink-chaos.yaml}, the reports into its reports directory.
 * Exits 0 when every scenario that ran passed (skipped ones say why), 1 when one failed, 2 when
 * nothing could run (a bad configuration, no scenario matched): one line on stderr.
 */
@Command(
    name = "flink-chaos",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Runs the Cucumber scenarios of a flink-chaos.yaml (-Dharness.config=FILE, else"
          + " ./flink-chaos.yaml) against real Flink clusters.",
      "Exit code: 0 every scenario passed or was skipped, 1 a scenario failed, 2 nothing ran."
    })
public final class RunCommand implements Callable<Integer> {

  static final int EXIT_PASSED = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_NOTHING_RAN = 2;

  /** The harness's step definitions. */
  static final String GLUE = "io.flinkchaos.harness.steps";

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "The flink-chaos.yaml to read (default: ./flink-chaos.yaml if present).")
  private String config;

  @Option(
      names = {"-f", "--features"},
      paramLabel = "DIR",
      description = "The feature files to run (default: features: in the config, else ./features).")
  private String features;

  @Option(
      names = {"-t", "--tags"},
      paramLabel = "EXPR",
      description = "A Cucumber tag expression, e.g. \"@smoke and not @slow\" (overrides tags:).")
  private String tags;

  @Option(
      names = {"-n", "--name"},
      paramLabel = "REGEX",
      description = "Runs only the scenarios whose name matches.")
  private String name;

  @Option(
      names = "-D",
      paramLabel = "KEY=VALUE",
      description = "A harness property (-Dharness.platform=k3s); overrides the config file.")
  private Map<String, String> properties = new LinkedHashMap<>();

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Shows this help.")
  private boolean help;

  private PrintWriter out;
  private PrintWriter err;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(out, err, args));
  }

  /** Runs the command with the given streams and returns its exit code. */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    RunCommand command = new RunCommand();
    command.out = out;
    command.err = err;
    CommandLine commandLine = new CommandLine(command);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (e, ignored) -> {
          err.println("flink-chaos: " + e.getMessage() + " (--help lists the options)");
          return EXIT_NOTHING_RAN;
        });
    return commandLine.execute(args);
  }

  @Override
  public Integer call() {
    properties.forEach(System::setProperty);
    setIfGiven(ConfigFile.CONFIG, config);
    setIfGiven(HarnessSettings.FEATURES, features);
    setIfGiven(HarnessSettings.TAGS, tags);
    setIfGiven("cucumber.filter.name", name);
    CucumberRun run;
    try {
      run = CucumberRun.of(HarnessSettings.fromSystemProperties(), Path.of(""));
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("flink-chaos: " + e.getMessage());
      return EXIT_NOTHING_RAN;
    }
    out.println("flink-chaos: " + run.describe());
    run.systemProperties().forEach(System::setProperty);
    try {
      Files.deleteIfExists(run.jsonReport()); // the count below must be this run's
    } catch (java.io.IOException e) {
      err.println("flink-chaos: cannot replace the report " + run.jsonReport() + ": " + e);
      return EXIT_NOTHING_RAN;
    }
    byte status =
        io.cucumber.core.cli.Main.run(
            new String[0], Thread.currentThread().getContextClassLoader());
    ScenarioCounts counts = ScenarioCounts.read(run.jsonReport());
    if (counts.total() == 0) {
      err.println(
          "flink-chaos: no scenario ran: none in "
              + run.features()
              + " matched"
              + run.tags().map(t -> " the tags '" + t + "'").orElse(" (no tags)")
              + " ("
              + run.jsonReport()
              + " lists none)");
      return EXIT_NOTHING_RAN;
    }
    if (status != 0 || counts.failed() > 0) {
      return EXIT_FAILED;
    }
    return EXIT_PASSED;
  }

  private static void setIfGiven(String key, String value) {
    if (value != null && !value.isBlank()) {
      System.setProperty(key, value);
    }
  }

  /**
   * What one run executes, resolved from the settings: the features, tags, reports and work
   * directories, and the Cucumber properties that say so. Paths default to the config file's
   * directory (else the working directory).
   */
  record CucumberRun(
      Path features,
      Optional<String> tags,
      Path reportsDir,
      Path workDir,
      Optional<Path> configFile) {

    static CucumberRun of(HarnessSettings settings, Path workingDir) {
      Path base =
          settings
              .configFile()
              .map(file -> file.path().getParent())
              .orElse(workingDir.toAbsolutePath());
      Path features = settings.featuresDir().orElse(base.resolve("features")).normalize();
      if (!Files.isDirectory(features) && !features.toString().endsWith(".feature")) {
        throw new IllegalArgumentException(
            "no feature files at "
                + features
                + ": set features: in flink-chaos.yaml, -D"
                + HarnessSettings.FEATURES
                + "=DIR or --features DIR");
      }
      settings
          .installedFlinkVersion()
          .filter(built -> !built.equals(settings.flinkVersion()))
          .ifPresent(
              built -> {
                throw new IllegalArgumentException(
                    "the run asks for Flink "
                        + settings.flinkVersion()
                        + " but this harness build prepared "
                        + built
                        + ": rebuild the harness with 'mvn -B install -DskipTests"
                        + " -Dflink.version="
                        + settings.flinkVersion()
                        + "'");
              });
      if (settings.platform().equals("local")) {
        settings.flinkClasspathFile(); // fails now, in one line, if Flink was never prepared
      }
      settings.storage();
      Path reports =
          Path.of(settings.get(HarnessSettings.REPORTS_DIR, base.resolve("reports").toString()))
              .toAbsolutePath()
              .normalize();
      Path work =
          Path.of(
                  settings.get(
                      HarnessSettings.WORK_DIR, base.resolve("target/flink-chaos").toString()))
              .toAbsolutePath()
              .normalize();
      return new CucumberRun(
          features, settings.tags(), reports, work, settings.configFile().map(ConfigFile::path));
    }

    Path jsonReport() {
      return reportsDir.resolve("cucumber.json");
    }

    /** The system properties Cucumber and the harness's reporter read for this run. */
    Map<String, String> systemProperties() {
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("cucumber.features", features.toString());
      properties.put("cucumber.glue", GLUE);
      properties.put(
          "cucumber.plugin",
          "io.flinkchaos.harness.report.ConsoleVerdictReporter,"
              + " io.flinkchaos.harness.report.RunSummaryReporter, html:"
              + reportsDir.resolve("cucumber.html")
              + ", json:"
              + jsonReport()
              + ", junit:"
              + reportsDir.resolve("junit").resolve("cucumber.xml"));
      properties.put("cucumber.publish.quiet", "true");
      tags.ifPresent(t -> properties.put(HarnessSettings.TAGS, t));
      properties.put(HarnessSettings.REPORTS_DIR, reportsDir.toString());
      properties.put(HarnessSettings.WORK_DIR, workDir.toString());
      return properties;
    }

    String describe() {
      return "config "
          + configFile.map(Path::toString).orElse("none")
          + ", features "
          + features
          + tags.map(t -> ", tags '" + t + "'").orElse("")
          + ", reports "
          + reportsDir;
    }
  }

  /** How many scenarios a Cucumber JSON report lists, and how many of them have a failed step. */
  record ScenarioCounts(int total, int failed) {

    static ScenarioCounts read(Path json) {
      if (!Files.isRegularFile(json)) {
        return new ScenarioCounts(0, 0);
      }
      try {
        com.fasterxml.jackson.databind.JsonNode features =
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        int total = 0;
        int failed = 0;
        for (com.fasterxml.jackson.databind.JsonNode feature : features) {
          for (com.fasterxml.jackson.databind.JsonNode element : feature.path("elements")) {
            if (!"scenario".equals(element.path("type").asText())) {
              continue;
            }
            total++;
            boolean anyFailed =
                Stream.concat(
                        Stream.of(element.path("before"), element.path("after")),
                        Stream.of(element.path("steps")))
                    .flatMap(
                        list -> java.util.stream.StreamSupport.stream(list.spliterator(), false))
                    .anyMatch(step -> "failed".equals(step.path("result").path("status").asText()));
            if (anyFailed) {
              failed++;
            }
          }
        }
        return new ScenarioCounts(total, failed);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot read the report " + json + ": " + e, e);
      }
    }
  }
}
