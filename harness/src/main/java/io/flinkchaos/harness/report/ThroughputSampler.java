package io.flinkchaos.harness.report;

import io.flinkchaos.harness.flink.CheckpointRecord;
import io.flinkchaos.harness.flink.SourceOutput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a scenario's job in the background, every {@code interval} on one daemon thread, into a
 * {@link ThroughputSeries} and a {@link CheckpointLog}, until {@link #close()} or {@link
 * #MAX_SAMPLES}. It never fails the scenario: a read that fails is a gap in the series, with why.
 */
public final class ThroughputSampler implements AutoCloseable {

  /** An hour of samples at 1 s: no scenario runs longer, and the summary stays small. */
  public static final int MAX_SAMPLES = 3600;

  private static final Duration STOP_WAIT = Duration.ofSeconds(2);

  /** What one sample reads; throws if the cluster does not answer. */
  public interface Source {
    /** The scenario's current job, if one is deployed. */
    Optional<String> job();

    SourceOutput sourceOutput(String job);

    List<CheckpointRecord> checkpointHistory(String job);
  }

  private final Source source;
  private final Clock clock;
  private final ThroughputSeries series;
  private final CheckpointLog checkpoints;
  private final AtomicInteger samples = new AtomicInteger();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "throughput-sampler");
            thread.setDaemon(true);
            return thread;
          });

  private ThroughputSampler(Source source, Clock clock, Instant start) {
    this.source = source;
    this.clock = clock;
    this.series = new ThroughputSeries(start);
    this.checkpoints = new CheckpointLog(start);
  }

  /** Starts sampling now and every {@code interval}; offsets are seconds since {@code start}. */
  public static ThroughputSampler start(
      Source source, Duration interval, Clock clock, Instant start) {
    ThroughputSampler sampler = new ThroughputSampler(source, clock, start);
    sampler.executor.scheduleWithFixedDelay(
        sampler::sampleOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return sampler;
  }

  /** A sampler that reads only when {@link #sampleOnce} is called: for tests in this package. */
  static ThroughputSampler unscheduled(Source source, Clock clock, Instant start) {
    return new ThroughputSampler(source, clock, start);
  }

  /** One reading. */
  void sampleOnce() {
    Instant at = clock.instant();
    if (samples.incrementAndGet() > MAX_SAMPLES) {
      series.gap(at, "sampling stopped after " + MAX_SAMPLES + " samples");
      executor.shutdown();
      return;
    }
    try {
      Optional<String> job = source.job();
      if (job.isEmpty()) {
        return;
      }
      SourceOutput output = source.sourceOutput(job.get());
      series.add(at, job.get(), output);
      checkpoints.add(job.get(), source.checkpointHistory(job.get()));
    } catch (RuntimeException e) {
      series.gap(at, oneLine(e));
    }
  }

  public ThroughputSeries series() {
    return series;
  }

  public CheckpointLog checkpoints() {
    return checkpoints;
  }

  /** Stops sampling; waits up to 2 s for a read in flight, then leaves it to its daemon thread. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String oneLine(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}
