package io.flinkchaos.harness.flink;

import io.flinkchaos.harness.wait.Waits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.apache.flink.api.common.JobID;

/**
 * Bounded waits on a job's progress over Flink's REST API. Each fails fast when the job reaches a
 * terminal state it cannot leave (Flink's own waitForJobStatus does the same), naming the job's
 * root exception, and, given the faults a scenario injected ({@link #withExpectedRestarts}), when
 * the job restarts more often than those faults explain: a job in a restart loop fails the wait at
 * once instead of sitting out its timeout.
 */
public final class JobWaits {

  /**
   * Restarts allowed per injected fault beyond the one it explains: one TaskManager kill can fail
   * tasks of several pipelined regions, and each region's failure is its own restart.
   */
  public static final int SLACK_PER_FAULT = 2;

  /**
   * How long the JobManager must keep answering 404 for a job before the job counts as lost: a
   * JobManager with HA metadata knows its recovered jobs once its REST handlers answer at all, so
   * this only bridges a moment of doubt.
   */
  public static final Duration LOST_AFTER = Duration.ofSeconds(5);

  private final JobObserver observer;
  private final ToIntFunction<JobID> faultsInjected;
  private final LastCheckpoints lastCheckpoints;
  private final Clock clock;
  private Instant unknownSince;

  /**
   * @param rest the REST client of the current JobManager (re-read on every poll)
   */
  public JobWaits(Supplier<FlinkRest> rest) {
    this(JobObserver.overRest(rest), null, new LastCheckpoints(), Clock.systemUTC());
  }

  public JobWaits(JobObserver observer) {
    this(observer, null, new LastCheckpoints(), Clock.systemUTC());
  }

  private JobWaits(
      JobObserver observer,
      ToIntFunction<JobID> faultsInjected,
      LastCheckpoints lastCheckpoints,
      Clock clock) {
    this.observer = observer;
    this.faultsInjected = faultsInjected;
    this.lastCheckpoints = lastCheckpoints;
    this.clock = clock;
  }

  /**
   * The same waits, noting in {@code memory} the latest checkpoint each job completed, and naming
   * it if the job is lost ({@link JobLostException}).
   */
  public JobWaits remembering(LastCheckpoints memory, Clock clock) {
    return new JobWaits(observer, faultsInjected, memory, clock);
  }

  /**
   * The same waits with a restart budget: they fail as soon as the job's exception history holds
   * more than {@code faults * (1 + SLACK_PER_FAULT)} failures. Without it only a terminal state
   * fails a wait early.
   *
   * @param faultsInjected faults injected since the job started that may make it restart; read on
   *     every poll, so faults injected later count
   */
  public JobWaits withExpectedRestarts(IntSupplier faultsInjected) {
    return withExpectedRestarts(jobId -> faultsInjected.getAsInt());
  }

  /**
   * Like {@link #withExpectedRestarts(IntSupplier)}, with the faults counted for the job waited for
   * (an upgrade's new job has its own, fresh exception history).
   */
  public JobWaits withExpectedRestarts(ToIntFunction<JobID> faultsInjectedFor) {
    return new JobWaits(observer, faultsInjectedFor, lastCheckpoints, clock);
  }

  /** Restarts the budget allows for {@code faults} injected faults. */
  public static int allowedRestarts(int faults) {
    return faults * (1 + SLACK_PER_FAULT);
  }

  public JobProgress progress(JobID jobId) {
    return observer.progress(jobId);
  }

  /**
   * Progress with the job's failures, for waits that judge restarts and report root causes; a job
   * the JobManager keeps not knowing for {@link #LOST_AFTER} is lost ({@link JobLostException}).
   */
  private JobProgress observe(JobID jobId) {
    JobProgress progress;
    try {
      progress = observer.progress(jobId).withFailures(observer.failures(jobId));
    } catch (FlinkRestException e) {
      if (e.isNotFound()) {
        lostAfterAWhile(jobId);
      }
      throw e;
    }
    synchronized (this) {
      unknownSince = null;
    }
    lastCheckpoints.saw(jobId, progress.checkpoints().lastCompleted());
    return progress;
  }

  private synchronized void lostAfterAWhile(JobID jobId) {
    Instant now = clock.instant();
    if (unknownSince == null) {
      unknownSince = now;
    }
    Duration unknownFor = Duration.between(unknownSince, now);
    if (unknownFor.compareTo(LOST_AFTER) >= 0) {
      throw new JobLostException(jobId, lastCheckpoints.of(jobId), unknownFor);
    }
  }

  /** Job RUNNING and every vertex RUNNING. */
  public JobProgress fullyRunning(JobID jobId, Duration atMost) {
    return Waits.until(
        "job " + jobId + " and all its vertices to be RUNNING",
        atMost,
        () -> observe(jobId),
        p -> p.job().isFullyRunning(),
        this::unrecoverable);
  }

  /** At least {@code count} completed checkpoints in total. */
  public JobProgress checkpointsCompleted(JobID jobId, long count, Duration atMost) {
    return Waits.until(
        "job " + jobId + " to complete " + count + " checkpoints",
        atMost,
        () -> observe(jobId),
        p -> p.checkpoints().completed() >= count,
        this::unrecoverable);
  }

  /**
   * A restore that happened after {@code since}, from a snapshot with id at least {@code minId}.
   */
  public JobProgress restoredSince(JobID jobId, Instant since, long minId, Duration atMost) {
    return Waits.until(
        "job " + jobId + " to restore from a checkpoint >= " + minId + " after " + since,
        atMost,
        () -> observe(jobId),
        p ->
            p.checkpoints()
                .lastRestored()
                .filter(r -> r.timestamp() >= since.toEpochMilli() && r.id() >= minId)
                .isPresent(),
        this::unrecoverable);
  }

  /** Fully running again after a restore that happened after {@code since}. */
  public JobProgress runningAfterRestoreSince(JobID jobId, Instant since, Duration atMost) {
    return Waits.until(
        "job " + jobId + " to be restored and fully RUNNING again after " + since,
        atMost,
        () -> observe(jobId),
        p ->
            p.job().isFullyRunning()
                && p.checkpoints()
                    .lastRestored()
                    .filter(r -> r.timestamp() >= since.toEpochMilli())
                    .isPresent(),
        this::unrecoverable);
  }

  /** Why the wait cannot succeed any more, or null to keep waiting. */
  private String unrecoverable(JobProgress progress) {
    JobFailures failures = progress.failures();
    String cause = failures.latest() == null ? "" : "; root exception: " + failures.latest();
    if (progress.job().isTerminal()) {
      return "the job reached terminal state " + progress.job().status() + cause;
    }
    if (faultsInjected == null) {
      return null;
    }
    int faults = faultsInjected.applyAsInt(progress.job().jobId());
    int allowed = allowedRestarts(faults);
    if (failures.count() > allowed) {
      return "the job failed "
          + failures.count()
          + (failures.truncated() ? "+" : "")
          + " times, more than the "
          + allowed
          + " restarts that "
          + faults
          + " injected fault(s) explain ("
          + SLACK_PER_FAULT
          + " extra per fault)"
          + cause;
    }
    return null;
  }
}
