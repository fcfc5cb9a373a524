package io.flinkchaos.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryWriterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path reports;

  /** The writer's document for the fake records: one passed scenario, one skipped before hooks. */
  static RunSummaryWriter fakeRun(Path file) {
    RunSummaryWriter writer =
        new RunSummaryWriter(file, FakeScenarioRecords.START, "local", "1.20.3", "local");
    ScenarioRecord record =
        FakeScenarioRecords.killFreezeAndUpgrade()
            .withTimeline("timelines/taskmanager-kill.feature-7.png");
    writer.add(
        new ScenarioOutcome(
                record.id(),
                "TaskManager killed mid-stream",
                "features/taskmanager-kill.feature",
                7,
                List.of("@smoke", "@chaos"),
                "PASSED",
                FakeScenarioRecords.START,
                Duration.ofMillis(41_200),
                null)
            .toSummary(record, "1.20.3"));
    Instant skippedAt = FakeScenarioRecords.at(45);
    writer.add(
        new ScenarioOutcome(
                "kubernetes.feature:12",
                "the operator restarts",
                "features/kubernetes.feature",
                12,
                List.of("@kubernetes"),
                "SKIPPED",
                skippedAt,
                Duration.ofMillis(3),
                "'the operator restarts' is @kubernetes and the local platform has no operator")
            .toSummary(
                ScenarioRecord.nothingRecorded("kubernetes.feature:12", skippedAt), "1.20.3"));
    return writer;
  }

  @Test
  void writesTheContractsFieldsAfterEveryScenario() throws IOException {
    Path file = reports.resolve("summary.json");
    fakeRun(file);

    JsonNode run = JSON.readTree(file.toFile());
    assertThat(run.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(run.has("finishedAt")).as("a run still going has no finishedAt").isFalse();
    assertThat(run.get("operatorVersion").isNull()).as("operatorVersion null, present").isTrue();
    assertThat(run.get("totals").toString())
        .isEqualTo("{\"scenarios\":2,\"passed\":1,\"failed\":0,\"skipped\":1,\"other\":0}");

    JsonNode passed = run.get("scenarios").get(0);
    assertThat(passed.get("id").asText()).isEqualTo("taskmanager-kill.feature:7");
    assertThat(passed.get("durationSeconds").asDouble()).isEqualTo(41.2);
    assertThat(passed.get("witnesses").get(1).get("expected").asText()).isEqualTo("INVALID");
    assertThat(passed.get("witnesses").get(1).get("anomalies").toString())
        .isEqualTo("{\"DUPLICATED\":2}");
    assertThat(passed.get("witnesses").get(2).has("expected")).isFalse();
    JsonNode kill = passed.get("faults").get(0);
    assertThat(kill.get("kind").asText()).isEqualTo("fault");
    assertThat(kill.get("endedAt").isNull()).isTrue();
    assertThat(kill.get("offsetSeconds").asDouble()).isEqualTo(10.0);
    assertThat(passed.get("faults").get(2).get("kind").asText()).isEqualTo("upgrade");
    assertThat(passed.get("recoveries").get(0).get("seconds").asDouble()).isEqualTo(3.5);
    assertThat(passed.get("checkpoints").get(4).toString())
        .isEqualTo("{\"id\":5,\"status\":\"FAILED\",\"offsetSeconds\":11.0}");
    assertThat(passed.get("throughput")).hasSize(40);
    assertThat(passed.get("samplingGaps")).hasSize(1);

    JsonNode skipped = run.get("scenarios").get(1);
    assertThat(skipped.get("status").asText()).isEqualTo("SKIPPED");
    assertThat(skipped.get("message").asText()).contains("no operator");
    assertThat(skipped.get("flinkVersion").asText()).isEqualTo("1.20.3");
    assertThat(skipped.get("witnesses")).isEmpty();
    assertThat(skipped.has("throughput")).isFalse();
  }

  /** The run page (another class, written from the contract) reads what this writer writes. */
  @Test
  void theRunPageReadsTheWrittenSummary() throws IOException {
    Path file = reports.resolve("summary.json");
    fakeRun(file).finish(FakeScenarioRecords.at(60));
    Path index = reports.resolve("index.html");

    RunPage.write(file, index);

    assertThat(Files.readString(index))
        .contains("TaskManager killed mid-stream")
        .contains("the operator restarts")
        .contains("timelines/taskmanager-kill.feature-7.png");
  }

  @Test
  void theEndOfTheRunAddsFinishedAtAndLeavesNoPartialFile() throws IOException {
    Path file = reports.resolve("summary.json");
    RunSummaryWriter writer = fakeRun(file);
    writer.finish(FakeScenarioRecords.at(60));

    assertThat(JSON.readTree(file.toFile()).get("finishedAt").asText())
        .isEqualTo("2026-12-02T12:01:00Z");
    try (var files = Files.list(reports)) {
      assertThat(files).containsExactly(file);
    }
  }
}
