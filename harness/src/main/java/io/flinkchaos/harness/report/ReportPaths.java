package io.flinkchaos.harness.report;

import io.flinkchaos.harness.config.HarnessSettings;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where a run's reports go ({@code -Dharness.reports-dir}, else reports/) and what a scenario's
 * files there are called: its id is its feature file's name and line ("taskmanager-kill.feature:7",
 * unique in a run, also per row of a Scenario Outline), its files are named by a slug of it. A run
 * on S3 storage (the second suite of {@code mvn verify}) names them apart.
 */
public final class ReportPaths {

  private final Path directory;
  private final String suffix;

  public ReportPaths(Path directory, String suffix) {
    this.directory = directory;
    this.suffix = suffix;
  }

  public static ReportPaths fromSystemProperties() {
    HarnessSettings settings = HarnessSettings.fromSystemProperties();
    return new ReportPaths(
        Path.of(System.getProperty(HarnessSettings.REPORTS_DIR, "reports"))
            .toAbsolutePath()
            .normalize(),
        settings.storage().equals("s3") ? ".s3" : "");
  }

  public static String scenarioId(URI feature, int line) {
    String uri = feature.toString();
    return uri.substring(uri.lastIndexOf('/') + 1) + ":" + line;
  }

  /** "taskmanager-kill.feature:7" to "taskmanager-kill.feature-7". */
  public static String slug(String scenarioId) {
    return scenarioId.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  public Path directory() {
    return directory;
  }

  /** The summary's name: summary.json, or summary.s3.json on S3 storage. */
  public String summaryName() {
    return "summary" + suffix + ".json";
  }

  /** The run page's name: index.html, or index.s3.html on S3 storage. */
  public String runPageName() {
    return "index" + suffix + ".html";
  }

  /** The timeline picture's path, relative to {@link #directory()}. */
  public String timeline(String scenarioId) {
    return "timelines/" + slug(scenarioId) + suffix + ".png";
  }

  /** The failure evidence's path, relative to {@link #directory()}. */
  public String evidence(String scenarioId) {
    return "evidence/" + slug(scenarioId) + suffix + ".txt";
  }

  public Path resolve(String relative) {
    return directory.resolve(relative);
  }
}
