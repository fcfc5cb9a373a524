package io.flinkchaos.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flinkchaos.harness.flink.SourceOutput;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThroughputSeriesTest {

  private static final Instant START = Instant.parse("2026-12-02T12:00:00Z");
  private static final String JOB = "a1";

  private final ThroughputSeries series = new ThroughputSeries(START);

  @Test
  void theRateIsTheCounterDeltaOverTheTimeBetweenReadings() {
    read(1.0, 1_000);
    read(2.0, 1_100);
    read(4.0, 1_500);

    assertThat(series.points())
        .containsExactly(
            new ThroughputSeries.Point(2.0, 100.0), new ThroughputSeries.Point(4.0, 200.0));
    assertThat(series.restarts()).isZero();
  }

  /**
   * The counter sums the current execution attempts only (MutableIOMetrics#addIOMetrics), so a
   * restart starts it from zero: what it shows then was written since the restart.
   */
  @Test
  void aFallingCounterIsARestartNeverANegativeRate() {
    read(1.0, 5_000);
    read(2.0, 5_100);
    read(3.0, 40);

    assertThat(series.points()).allSatisfy(p -> assertThat(p.recordsPerSecond()).isNotNegative());
    assertThat(series.points()).last().isEqualTo(new ThroughputSeries.Point(3.0, 40.0));
    assertThat(series.restarts()).isEqualTo(1);
  }

  @Test
  void aSourceThatIsNotRunningWritesNothing() {
    read(1.0, 5_000);
    series.add(at(2.0), JOB, new SourceOutput("Source", 0, true, false));
    read(3.0, 300);

    assertThat(series.points())
        .containsExactly(
            new ThroughputSeries.Point(2.0, 0.0), new ThroughputSeries.Point(3.0, 300.0));
  }

  @Test
  void aReadingWithSubtaskMetricsMissingIsAGapAndTheLastCompleteOneStaysTheBaseline() {
    read(1.0, 1_000);
    series.add(at(2.0), JOB, new SourceOutput("Source: sequence", 400, false, true));
    read(3.0, 1_400);

    assertThat(series.gaps())
        .singleElement()
        .satisfies(
            gap -> {
              assertThat(gap.offsetSeconds()).isEqualTo(2.0);
              assertThat(gap.reason()).contains("Source: sequence");
            });
    assertThat(series.points())
        .singleElement()
        .satisfies(p -> assertThat(p.recordsPerSecond()).isCloseTo(200.0, within(1e-9)));
  }

  /** After a TaskManager dies the JobManager's metric store can stay stale: no rate of zero. */
  @Test
  void aCounterUnchangedWhileRunningIsAGapNotAZeroRate() {
    read(1.0, 1_000);
    read(2.0, 1_000);
    read(3.0, 1_200);

    assertThat(series.gaps())
        .singleElement()
        .satisfies(g -> assertThat(g.reason()).contains("stale"));
    assertThat(series.points()).containsExactly(new ThroughputSeries.Point(3.0, 100.0));
  }

  @Test
  void anotherJobStartsAFreshBaseline() {
    read(1.0, 9_000);
    series.add(at(2.0), "b2", new SourceOutput("Source", 100, true, true));
    series.add(at(3.0), "b2", new SourceOutput("Source", 250, true, true));

    assertThat(series.points()).containsExactly(new ThroughputSeries.Point(3.0, 150.0));
    assertThat(series.restarts()).isZero();
  }

  private void read(double seconds, long records) {
    series.add(at(seconds), JOB, new SourceOutput("Source", records, true, true));
  }

  private static Instant at(double seconds) {
    return START.plusMillis((long) (seconds * 1000));
  }
}
