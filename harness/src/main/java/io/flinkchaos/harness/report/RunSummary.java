package io.flinkchaos.harness.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The document reports/summary.json holds, field for field as its JSON Schema ({@code
 * io/flinkchaos/harness/report/summary.schema.json}) describes it: one run, its totals, and its
 * scenarios in the order they ran. Optional fields are left out when absent; {@code
 * operatorVersion} is written as null where there is no operator.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "schemaVersion",
  "startedAt",
  "finishedAt",
  "platform",
  "flinkVersion",
  "operatorVersion",
  "storage",
  "totals",
  "scenarios"
})
public record RunSummary(
    int schemaVersion,
    String startedAt,
    String finishedAt,
    String platform,
    String flinkVersion,
    @JsonInclude(JsonInclude.Include.ALWAYS) String operatorVersion,
    String storage,
    Totals totals,
    List<Scenario> scenarios) {

  public static final int SCHEMA_VERSION = 1;

  public record Totals(int scenarios, int passed, int failed, int skipped, int other) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({
    "id",
    "name",
    "feature",
    "line",
    "tags",
    "status",
    "startedAt",
    "durationSeconds",
    "flinkVersion",
    "message",
    "witnesses",
    "faults",
    "recoveries",
    "checkpoints",
    "throughput",
    "samplingGaps",
    "timeline",
    "evidence"
  })
  public record Scenario(
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
      List<Checkpoint> checkpoints,
      List<Throughput> throughput,
      List<SamplingGap> samplingGaps,
      String timeline,
      String evidence) {

    public Scenario {
      tags = tags == null ? List.of() : tags;
      witnesses = witnesses == null ? List.of() : witnesses;
      faults = faults == null ? List.of() : faults;
      recoveries = recoveries == null ? List.of() : recoveries;
      checkpoints = checkpoints == null ? List.of() : checkpoints;
    }

    boolean failed() {
      return "FAILED".equals(status);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"checker", "verdict", "expected", "records", "keys", "anomalies", "summary"})
  public record Witness(
      String checker,
      String verdict,
      String expected,
      Long records,
      Long keys,
      Map<String, Long> anomalies,
      String summary) {

    public Witness {
      anomalies = anomalies == null ? Map.of() : anomalies;
    }
  }

  @JsonPropertyOrder({"description", "kind", "startedAt", "endedAt", "offsetSeconds"})
  public record Fault(
      String description, String kind, String startedAt, String endedAt, double offsetSeconds) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"what", "seconds", "offsetSeconds"})
  public record Recovery(String what, double seconds, Double offsetSeconds) {}

  @JsonPropertyOrder({"id", "status", "offsetSeconds"})
  public record Checkpoint(long id, String status, double offsetSeconds) {}

  @JsonPropertyOrder({"offsetSeconds", "recordsPerSecond"})
  public record Throughput(double offsetSeconds, double recordsPerSecond) {}

  @JsonPropertyOrder({"offsetSeconds", "reason"})
  public record SamplingGap(double offsetSeconds, String reason) {}
}
