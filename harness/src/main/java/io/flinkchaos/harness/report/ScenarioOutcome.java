package io.flinkchaos.harness.report;

import io.flinkchaos.harness.check.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Cucumber reports of a finished scenario (its status counts every step and hook, so a
 * scenario skipped before any step still has one), joined here with what the harness recorded of it
 * ({@link ScenarioRecord#nothingRecorded} if no hook ran), into the scenario's entry in
 * reports/summary.json.
 *
 * @param message the first line of the failure or the skip reason, or null
 */
public record ScenarioOutcome(
    String id,
    String name,
    String feature,
    int line,
    List<String> tags,
    String status,
    Instant startedAt,
    Duration duration,
    String message) {

  /**
   * The summary entry, with what the harness recorded; {@code runFlinkVersion} stands in where the
   * scenario started no cluster.
   */
  public RunSummary.Scenario toSummary(ScenarioRecord record, String runFlinkVersion) {
    return new RunSummary.Scenario(
        id,
        name,
        feature,
        line,
        List.copyOf(tags),
        status,
        startedAt.toString(),
        duration.toMillis() / 1000.0,
        record.flinkVersion() != null ? record.flinkVersion() : runFlinkVersion,
        message,
        record.witnesses().stream().map(ScenarioOutcome::witness).toList(),
        record.faults().stream().map(f -> fault(record, f)).toList(),
        record.recoveries().stream().map(r -> recovery(record, r)).toList(),
        record.checkpoints().stream()
            .map(c -> new RunSummary.Checkpoint(c.id(), c.status(), c.offsetSeconds()))
            .toList(),
        record.throughput().isEmpty()
            ? null
            : record.throughput().stream()
                .map(p -> new RunSummary.Throughput(p.offsetSeconds(), p.recordsPerSecond()))
                .toList(),
        record.gaps().isEmpty()
            ? null
            : record.gaps().stream()
                .map(g -> new RunSummary.SamplingGap(g.offsetSeconds(), g.reason()))
                .toList(),
        record.timeline(),
        record.evidence());
  }

  private static RunSummary.Witness witness(ScenarioRecord.Witness witness) {
    CheckResult result = witness.result();
    Map<String, Long> anomalies = new LinkedHashMap<>();
    result.rangesByCategory().forEach((category, ranges) -> anomalies.put(category.name(), ranges));
    return new RunSummary.Witness(
        result.checker(),
        result.verdict().name(),
        witness.expected() == null ? null : witness.expected().name(),
        result.records(),
        result.keys(),
        anomalies,
        result.summary());
  }

  private static RunSummary.Fault fault(
      ScenarioRecord record, ScenarioRecord.Disruption disruption) {
    return new RunSummary.Fault(
        disruption.description(),
        disruption.kind().name().toLowerCase(java.util.Locale.ROOT),
        disruption.startedAt().toString(),
        disruption.endedAt() == null ? null : disruption.endedAt().toString(),
        record.offset(disruption.startedAt()));
  }

  private static RunSummary.Recovery recovery(
      ScenarioRecord record, ScenarioRecord.Recovery recovery) {
    return new RunSummary.Recovery(
        recovery.what(), recovery.took().toMillis() / 1000.0, record.offset(recovery.from()));
  }
}
