package io.flinkchaos.harness.report;

import io.flinkchaos.harness.flink.SourceOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's records per second, from successive readings of its source's cumulative records written
 * ({@link SourceOutput}). The counter covers the current execution attempts only, so it falls when
 * the job restarts: a fall is counted as a restart, and the rate of that interval is the new
 * counter over the interval (what was written since the restart, at least), never a negative one. A
 * reading of another job (an upgrade's new job) is a new baseline; a source not RUNNING writes
 * nothing (rate 0); a reading with some subtasks' metrics missing is a gap, as is a failed read. A
 * counter unchanged while the source runs is a gap too: the JobManager serves these metrics from a
 * store it refreshes by querying every TaskManager, and after a TaskManager dies that store can
 * stay stale for up to {@code web.timeout}; a source that really stalls shows as such a gap.
 */
public final class ThroughputSeries {

  /** Records per second over the interval that ended {@code offsetSeconds} after the start. */
  public record Point(double offsetSeconds, double recordsPerSecond) {}

  /** A moment with no usable reading, and why. */
  public record Gap(double offsetSeconds, String reason) {}

  private record Reading(Instant at, String job, long records) {}

  private final Instant start;
  private final List<Point> points = new ArrayList<>();
  private final List<Gap> gaps = new ArrayList<>();
  private Reading previous;
  private int restarts;

  public ThroughputSeries(Instant start) {
    this.start = start;
  }

  public synchronized void add(Instant at, String job, SourceOutput output) {
    if (!output.running()) {
      points.add(new Point(offset(at), 0));
      previous = output.complete() ? new Reading(at, job, output.recordsWritten()) : null;
      return;
    }
    if (!output.complete()) {
      gaps.add(new Gap(offset(at), "metrics of some subtasks of " + output.vertex() + " missing"));
      return;
    }
    Reading now = new Reading(at, job, output.recordsWritten());
    Reading before = previous;
    previous = now;
    if (before == null || !before.job().equals(job)) {
      return;
    }
    double seconds = Duration.between(before.at(), at).toNanos() / 1e9;
    if (seconds <= 0) {
      return;
    }
    long delta = now.records() - before.records();
    if (delta == 0) {
      previous = before;
      gaps.add(new Gap(offset(at), "records written unchanged while running: stale metrics"));
      return;
    }
    if (delta < 0) {
      restarts++;
      delta = now.records();
    }
    points.add(new Point(offset(at), delta / seconds));
  }

  public synchronized void gap(Instant at, String reason) {
    gaps.add(new Gap(offset(at), reason));
  }

  public synchronized List<Point> points() {
    return List.copyOf(points);
  }

  public synchronized List<Gap> gaps() {
    return List.copyOf(gaps);
  }

  /** How often the counter fell: restarts seen between two readings. */
  public synchronized int restarts() {
    return restarts;
  }

  private double offset(Instant at) {
    return Duration.between(start, at).toMillis() / 1000.0;
  }
}
