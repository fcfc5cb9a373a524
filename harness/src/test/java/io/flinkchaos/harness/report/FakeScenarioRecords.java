package io.flinkchaos.harness.report;

import io.flinkchaos.harness.check.AnomalyCategory;
import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.Frontier;
import io.flinkchaos.harness.check.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FAKE scenario records for report tests, made up here, not recorded from Flink: a job writing 100
 * records/s that a TaskManager kill at 10 s stops until it runs again at 13.5 s, a freeze held from
 * 20 s to 23 s, a savepoint upgrade from 30 s to 33 s, checkpoints every 2 s (one failed at 11 s)
 * and one sampling gap at 12 s; checked by a VALID output checker and a witness expected INVALID.
 */
final class FakeScenarioRecords {

  static final Instant START = Instant.parse("2026-12-02T12:00:00Z");
  static final double KILL_AT = 10.0;
  static final double RUNNING_AGAIN_AT = 13.5;

  private FakeScenarioRecords() {}

  static ScenarioRecord killFreezeAndUpgrade() {
    List<ThroughputSeries.Point> throughput = new ArrayList<>();
    for (int second = 1; second <= 40; second++) {
      boolean down = second > KILL_AT && second <= RUNNING_AGAIN_AT + 0.5;
      throughput.add(new ThroughputSeries.Point(second, down ? 0 : 100 + (second % 3) * 5));
    }
    List<CheckpointLog.Mark> checkpoints = new ArrayList<>();
    for (int id = 1; id <= 19; id++) {
      checkpoints.add(new CheckpointLog.Mark(id, id == 5 ? "FAILED" : "COMPLETED", id * 2 + 1.0));
    }
    return new ScenarioRecord(
        "taskmanager-kill.feature:7",
        START,
        "1.20.3",
        null,
        List.of(
            new ScenarioRecord.Witness(
                check("sequence output", Verdict.VALID, Map.of()), Verdict.VALID),
            new ScenarioRecord.Witness(
                check("in-job witness", Verdict.INVALID, Map.of(AnomalyCategory.DUPLICATED, 2L)),
                Verdict.INVALID),
            new ScenarioRecord.Witness(
                check("kafka read_committed", Verdict.VALID, Map.of()), null)),
        List.of(
            new ScenarioRecord.Disruption(
                "SIGKILL TaskManager 1", ScenarioRecord.Disruption.Kind.FAULT, at(KILL_AT), null),
            new ScenarioRecord.Disruption(
                "freeze TaskManager 2 for 3000 ms (SIGSTOP, then SIGCONT)",
                ScenarioRecord.Disruption.Kind.FAULT,
                at(20),
                at(23)),
            new ScenarioRecord.Disruption(
                "savepoint upgrade", ScenarioRecord.Disruption.Kind.UPGRADE, at(30), at(33))),
        List.of(
            new ScenarioRecord.Recovery(
                "fault to all vertices RUNNING",
                at(KILL_AT),
                Duration.ofMillis((long) ((RUNNING_AGAIN_AT - KILL_AT) * 1000)))),
        checkpoints,
        throughput,
        List.of(new ThroughputSeries.Gap(12.0, "GET /jobs/a1 failed: Connection refused")),
        null,
        null);
  }

  static Instant at(double seconds) {
    return START.plusMillis((long) (seconds * 1000));
  }

  private static CheckResult check(
      String checker, Verdict verdict, Map<AnomalyCategory, Long> ranges) {
    return new CheckResult(
        checker,
        verdict,
        "/tmp/out",
        "12000 records in 4 files",
        4,
        12_000,
        64,
        List.of(),
        List.of(),
        ranges,
        ranges,
        null,
        Frontier.empty());
  }
}
