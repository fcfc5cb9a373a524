package io.flinkchaos.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.flink.CheckpointRecord;
import io.flinkchaos.harness.flink.FlinkRestException;
import io.flinkchaos.harness.flink.SourceOutput;
import io.flinkchaos.harness.flink.TickingClock;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThroughputSamplerTest {

  private static final Instant START = Instant.parse("2026-12-02T12:00:00Z");

  /**
   * A FAKE job for the sampler, not Flink: its source counter grows by 100 per read, and its
   * checkpoint history is a window of the newest entries as Flink's {@code web.checkpoints.history}
   * keeps them; {@link #restDown} makes reads fail as an unreachable JobManager does.
   */
  private static final class FakeJob implements ThroughputSampler.Source {
    private long records;
    private boolean restDown;
    private Optional<String> job = Optional.of("a1");
    private List<CheckpointRecord> history = List.of();
    private final List<String> reads = new ArrayList<>();

    @Override
    public synchronized Optional<String> job() {
      return job;
    }

    @Override
    public synchronized SourceOutput sourceOutput(String job) {
      reads.add(job);
      if (restDown) {
        throw new FlinkRestException(
            "GET /jobs/" + job + " failed at http://127.0.0.1:8081: Connection refused\nmore",
            null);
      }
      records += 100;
      return new SourceOutput("Source: sequence", records, true, true);
    }

    @Override
    public synchronized List<CheckpointRecord> checkpointHistory(String job) {
      return history;
    }

    synchronized int reads() {
      return reads.size();
    }
  }

  private final FakeJob job = new FakeJob();

  @Test
  void aFailedReadIsAGapWithItsReasonAndSamplingGoesOn() {
    ThroughputSampler sampler = unstarted();
    sampler.sampleOnce();
    job.restDown = true;
    sampler.sampleOnce();
    job.restDown = false;
    sampler.sampleOnce();

    assertThat(sampler.series().gaps())
        .singleElement()
        .satisfies(
            gap ->
                assertThat(gap.reason())
                    .isEqualTo("GET /jobs/a1 failed at http://127.0.0.1:8081: Connection refused"));
    assertThat(sampler.series().points()).hasSize(1);
  }

  @Test
  void nothingIsReadBeforeAJobIsDeployed() {
    job.job = Optional.empty();
    ThroughputSampler sampler = unstarted();
    sampler.sampleOnce();

    assertThat(job.reads()).isZero();
    assertThat(sampler.series().gaps()).isEmpty();
  }

  /** The history holds the newest entries only: checkpoints are gathered across reads, by id. */
  @Test
  void checkpointsAreGatheredByIdAcrossHistoryWindows() {
    ThroughputSampler sampler = unstarted();
    long t = START.toEpochMilli();
    job.history =
        List.of(
            new CheckpointRecord(1, "COMPLETED", false, t + 1_000, t + 1_200),
            new CheckpointRecord(2, "IN_PROGRESS", false, t + 2_000, 0));
    sampler.sampleOnce();
    job.history =
        List.of(
            new CheckpointRecord(2, "FAILED", false, t + 2_000, t + 2_900),
            new CheckpointRecord(3, "COMPLETED", true, t + 3_000, t + 3_100),
            new CheckpointRecord(4, "COMPLETED", false, t + 4_000, t + 4_300));
    sampler.sampleOnce();

    assertThat(sampler.checkpoints().ended())
        .containsExactly(
            new CheckpointLog.Mark(1, "COMPLETED", 1.2),
            new CheckpointLog.Mark(2, "FAILED", 2.9),
            new CheckpointLog.Mark(4, "COMPLETED", 4.3));
  }

  @Test
  void samplesInTheBackgroundUntilClosed() {
    ThroughputSampler sampler =
        ThroughputSampler.start(job, Duration.ofMillis(20), new TickingClock(START), START);
    Waits.until(
        "the sampler to read the fake job 5 times",
        Duration.ofSeconds(10),
        Duration.ofMillis(10),
        job::reads,
        reads -> reads >= 5);
    sampler.close();
    int afterClose = job.reads();

    assertThat(sampler.series().points()).hasSizeGreaterThanOrEqualTo(4);
    Waits.untilElapsed("no more reads after close", Instant.now(), Duration.ofMillis(100));
    assertThat(job.reads()).isEqualTo(afterClose);
  }

  private ThroughputSampler unstarted() {
    return ThroughputSampler.unscheduled(job, new TickingClock(START), START);
  }
}
