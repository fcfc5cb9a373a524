package io.flinkchaos.harness.flink;

import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobID;

/**
 * Bounded waits on a job's progress over Flink's REST API. Each fails fast when the job reaches a
 * terminal state it cannot leave (Flink's own waitForJobStatus does the same).
 */
public final class JobWaits {

  private final Supplier<FlinkRestClient> rest;

  /**
   * @param rest the REST client of the current JobManager (re-read on every poll)
   */
  public JobWaits(Supplier<FlinkRestClient> rest) {
    this.rest = rest;
  }

  public JobProgress progress(JobID jobId) {
    FlinkRestClient client = rest.get();
    return new JobProgress(client.job(jobId), client.checkpoints(jobId));
  }

  /** Job RUNNING and every vertex RUNNING. */
  public JobProgress fullyRunning(JobID jobId, Duration atMost) {
    return Waits.until(
        "job " + jobId + " and all its vertices to be RUNNING",
        atMost,
        () -> progress(jobId),
        p -> p.job().isFullyRunning(),
        JobWaits::terminal);
  }

  /** At least {@code count} completed checkpoints in total. */
  public JobProgress checkpointsCompleted(JobID jobId, long count, Duration atMost) {
    return Waits.until(
        "job " + jobId + " to complete " + count + " checkpoints",
        atMost,
        () -> progress(jobId),
        p -> p.checkpoints().completed() >= count,
        JobWaits::terminal);
  }

  /**
   * A restore that happened after {@code since}, from a snapshot with id at least {@code minId}.
   */
  public JobProgress restoredSince(JobID jobId, Instant since, long minId, Duration atMost) {
    return Waits.until(
        "job " + jobId + " to restore from a checkpoint >= " + minId + " after " + since,
        atMost,
        () -> progress(jobId),
        p ->
            p.checkpoints()
                .lastRestored()
                .filter(r -> r.timestamp() >= since.toEpochMilli() && r.id() >= minId)
                .isPresent(),
        JobWaits::terminal);
  }

  /** Fully running again after a restore that happened after {@code since}. */
  public JobProgress runningAfterRestoreSince(JobID jobId, Instant since, Duration atMost) {
    return Waits.until(
        "job " + jobId + " to be restored and fully RUNNING again after " + since,
        atMost,
        () -> progress(jobId),
        p ->
            p.job().isFullyRunning()
                && p.checkpoints()
                    .lastRestored()
                    .filter(r -> r.timestamp() >= since.toEpochMilli())
                    .isPresent(),
        JobWaits::terminal);
  }

  private static String terminal(JobProgress progress) {
    return progress.job().isTerminal()
        ? "the job reached terminal state " + progress.job().status()
        : null;
  }
}
