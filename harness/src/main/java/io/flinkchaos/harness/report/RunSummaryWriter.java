package io.flinkchaos.harness.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a run's reports/summary.json: rewritten whole after every scenario (so a run killed
 * half-way still leaves a valid document, without {@code finishedAt}) and once more when the run
 * ends. Each write goes to a temporary file first and is then moved over the old one, so a reader
 * never sees half a document.
 */
public final class RunSummaryWriter {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final Instant startedAt;
  private final String platform;
  private final String flinkVersion;
  private final String storage;
  private final List<RunSummary.Scenario> scenarios = new ArrayList<>();
  private String operatorVersion;
  private Instant finishedAt;

  /** {@code storage} as the summary names it: local or s3. */
  public RunSummaryWriter(
      Path file, Instant startedAt, String platform, String flinkVersion, String storage) {
    this.file = file;
    this.startedAt = startedAt;
    this.platform = platform;
    this.flinkVersion = flinkVersion;
    this.storage = storage;
  }

  public synchronized void add(RunSummary.Scenario scenario) {
    scenarios.add(scenario);
    write();
  }

  /** The operator a scenario ran against (null keeps the one known so far). */
  public synchronized void operatorVersion(String version) {
    if (version != null) {
      operatorVersion = version;
    }
  }

  public synchronized void finish(Instant at) {
    finishedAt = at;
    write();
  }

  public synchronized RunSummary summary() {
    return new RunSummary(
        RunSummary.SCHEMA_VERSION,
        startedAt.toString(),
        finishedAt == null ? null : finishedAt.toString(),
        platform,
        flinkVersion,
        operatorVersion,
        storage,
        totals(),
        List.copyOf(scenarios));
  }

  public static String json(RunSummary summary) {
    try {
      return JSON.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the run summary as JSON", e);
    }
  }

  private RunSummary.Totals totals() {
    int passed = count("PASSED");
    int failed = count("FAILED");
    int skipped = count("SKIPPED");
    return new RunSummary.Totals(
        scenarios.size(), passed, failed, skipped, scenarios.size() - passed - failed - skipped);
  }

  private int count(String status) {
    return (int) scenarios.stream().filter(s -> s.status().equals(status)).count();
  }

  private void write() {
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      Files.writeString(partial, json(summary()), StandardCharsets.UTF_8);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
