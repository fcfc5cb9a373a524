package io.flinkchaos.harness.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * reports/summary.json as the run page reads it: the fields of schema version 1 (the summary's JSON
 * Schema, io/flinkchaos/harness/report/summary.schema.json) that the page shows. Fields the writer
 * adds later are ignored; a document the page cannot show is refused in one line naming the file.
 */
record SummaryDocument(
    Integer schemaVersion,
    String startedAt,
    String finishedAt,
    String platform,
    String flinkVersion,
    String operatorVersion,
    String storage,
    Totals totals,
    List<Scenario> scenarios) {

  static final int SCHEMA_VERSION = 1;

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  record Totals(int scenarios, int passed, int failed, int skipped, int other) {}

  record Scenario(
      String id,
      String name,
      String feature,
      int line,
      List<String> tags,
      String status,
      String startedAt,
      double durationSeconds,
      String flinkVersion,
      String message,
      List<Witness> witnesses,
      List<Fault> faults,
      List<Recovery> recoveries,
      String timeline,
      String evidence) {

    Scenario {
      tags = tags == null ? List.of() : tags;
      witnesses = witnesses == null ? List.of() : witnesses;
      faults = faults == null ? List.of() : faults;
      recoveries = recoveries == null ? List.of() : recoveries;
    }

    boolean failed() {
      return "FAILED".equals(status);
    }
  }

  record Witness(
      String checker,
      String verdict,
      String expected,
      Long records,
      Long keys,
      Map<String, Long> anomalies,
      String summary) {

    Witness {
      anomalies = anomalies == null ? Map.of() : anomalies;
    }
  }

  record Fault(String description, String kind, Double offsetSeconds) {}

  record Recovery(String what, double seconds) {}

  /**
   * The summary at {@code file}, or an {@link IOException} whose message is one line: no file, an
   * empty file, not JSON, another schema version, or a required field missing.
   */
  static SummaryDocument read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          "no run summary at "
              + file.toAbsolutePath()
              + ": the run page is made from the summary.json a scenario run writes in reports/");
    }
    if (Files.size(file) == 0) {
      throw new IOException(
          "the run summary " + file.toAbsolutePath() + " is empty: no scenario was recorded");
    }
    SummaryDocument summary;
    try {
      summary = JSON.readValue(file.toFile(), SummaryDocument.class);
    } catch (JsonProcessingException e) {
      throw new IOException(
          "the run summary "
              + file.toAbsolutePath()
              + " is not a summary document: "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (summary == null) {
      throw new IOException("the run summary " + file.toAbsolutePath() + " holds no document");
    }
    summary.requireReadable(file);
    return summary;
  }

  private void requireReadable(Path file) throws IOException {
    if (schemaVersion == null || schemaVersion != SCHEMA_VERSION) {
      throw new IOException(
          "the run summary "
              + file.toAbsolutePath()
              + " has schemaVersion "
              + schemaVersion
              + ": this run page reads version "
              + SCHEMA_VERSION);
    }
    Map<String, Object> required = new LinkedHashMap<>();
    required.put("startedAt", startedAt);
    required.put("platform", platform);
    required.put("flinkVersion", flinkVersion);
    required.put("totals", totals);
    required.put("scenarios", scenarios);
    String missing =
        required.entrySet().stream()
            .filter(field -> field.getValue() == null)
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse(null);
    if (missing == null) {
      missing =
          scenarios.stream()
              .filter(s -> s.id() == null || s.name() == null || s.status() == null)
              .findFirst()
              .map(s -> "id, name or status in the scenario " + s.id())
              .orElse(null);
    }
    if (missing != null) {
      throw new IOException(
          "the run summary " + file.toAbsolutePath() + " has no " + missing + " (schema 1)");
    }
  }
}
