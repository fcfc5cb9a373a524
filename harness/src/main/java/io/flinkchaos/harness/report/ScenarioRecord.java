package io.flinkchaos.harness.report;

import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the harness recorded of one scenario, for its timeline picture and reports/summary.json: the
 * checker verdicts, the faults and upgrades, the measured recoveries, and what the background
 * sampler saw (throughput, checkpoints, gaps). Times are instants; offsets are taken from {@code
 * startedAt}, the scenario's start.
 *
 * @param flinkVersion the Flink version of the first cluster the scenario started, or null
 * @param operatorVersion the Flink Kubernetes Operator's version, or null where there is none
 * @param timeline the picture's path relative to reports/, or null
 * @param evidence the failure evidence's path relative to reports/, or null
 */
public record ScenarioRecord(
    String id,
    Instant startedAt,
    String flinkVersion,
    String operatorVersion,
    List<Witness> witnesses,
    List<Disruption> faults,
    List<Recovery> recoveries,
    List<CheckpointLog.Mark> checkpoints,
    List<ThroughputSeries.Point> throughput,
    List<ThroughputSeries.Gap> gaps,
    String timeline,
    String evidence) {

  /** A checker's verdict and, where a step asserted one, the verdict it expected. */
  public record Witness(CheckResult result, Verdict expected) {}

  /** What disrupted the job: a fault or an upgrade; {@code endedAt} null if it had no duration. */
  public record Disruption(String description, Kind kind, Instant startedAt, Instant endedAt) {

    /** How the summary names it. */
    public enum Kind {
      FAULT,
      UPGRADE
    }
  }

  /** A measured recovery: {@code what} took {@code took}, counted from {@code from}. */
  public record Recovery(String what, Instant from, Duration took) {}

  public ScenarioRecord {
    witnesses = List.copyOf(witnesses);
    faults = List.copyOf(faults);
    recoveries = List.copyOf(recoveries);
    checkpoints = List.copyOf(checkpoints);
    throughput = List.copyOf(throughput);
    gaps = List.copyOf(gaps);
  }

  /** A scenario no hook recorded (skipped or undefined before its hooks ran). */
  public static ScenarioRecord nothingRecorded(String id, Instant startedAt) {
    return new ScenarioRecord(
        id, startedAt, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        null, null);
  }

  /** Seconds from the scenario's start to {@code at}. */
  public double offset(Instant at) {
    return Duration.between(startedAt, at).toMillis() / 1000.0;
  }

  public ScenarioRecord withTimeline(String path) {
    return new ScenarioRecord(
        id,
        startedAt,
        flinkVersion,
        operatorVersion,
        witnesses,
        faults,
        recoveries,
        checkpoints,
        throughput,
        gaps,
        path,
        evidence);
  }

  public ScenarioRecord withEvidence(String path) {
    return new ScenarioRecord(
        id,
        startedAt,
        flinkVersion,
        operatorVersion,
        witnesses,
        faults,
        recoveries,
        checkpoints,
        throughput,
        gaps,
        timeline,
        path);
  }
}
