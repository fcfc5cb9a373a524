package io.flinkchaos.harness.flink;

import io.flinkchaos.harness.wait.Bounds;
import io.flinkchaos.harness.wait.WaitTimeoutException;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.flink.api.common.JobID;

/**
 * Cancels a job and confirms it stopped, so nothing starts next to a job that still runs (a
 * last-state upgrade must not submit v2 while v1 writes). Fine: the job is unknown (404) or already
 * globally terminal. A failure: any other error, or the job not globally terminal within {@link
 * Bounds#JOB_CANCEL}; the one-line message names the job and its last state.
 *
 * <p>Read in Flink 1.20: {@code AbstractExecutionGraphHandler} answers an unknown job with {@code
 * NotFoundException} (404, "Job … not found"); {@code JobCancellationHandler} answers 404 "Job
 * could not be found." and 409 "Job cancellation failed because the job has already reached another
 * terminal state (…)".
 */
public final class JobCancellation {

  private static final int CONFLICT = 409;

  private final Function<JobID, JobObservation> observe;
  private final Consumer<JobID> requestCancel;
  private final Duration stopTimeout;

  public JobCancellation(FlinkRest rest) {
    this(rest::job, rest::cancel, Bounds.JOB_CANCEL);
  }

  /**
   * @param observe reads the job (throws {@link FlinkRestException} on errors, 404 when unknown)
   * @param requestCancel asks Flink to cancel (PATCH /jobs/:id?mode=cancel)
   */
  public JobCancellation(
      Function<JobID, JobObservation> observe,
      Consumer<JobID> requestCancel,
      Duration stopTimeout) {
    this.observe = observe;
    this.requestCancel = requestCancel;
    this.stopTimeout = stopTimeout;
  }

  /** What the cancel found and did. */
  public enum Result {
    /** The cluster does not know the job. */
    UNKNOWN,
    /** The job had already ended. */
    ALREADY_TERMINAL,
    /** The job was running and is now globally terminal. */
    CANCELLED
  }

  public Result cancel(JobID jobId) {
    JobObservation before;
    try {
      before = observe.apply(jobId);
    } catch (FlinkRestException e) {
      if (e.isNotFound()) {
        return Result.UNKNOWN;
      }
      throw new JobCancelException(
          "cannot cancel job " + jobId + ": its state is unreadable: " + e.getMessage(), e);
    }
    if (before.isTerminal()) {
      return Result.ALREADY_TERMINAL;
    }
    try {
      requestCancel.accept(jobId);
    } catch (FlinkRestException e) {
      if (e.isNotFound()) {
        return Result.UNKNOWN;
      }
      if (e.httpStatus().orElse(-1) != CONFLICT) {
        throw new JobCancelException(
            "cancel of job " + jobId + " failed (last state " + before + "): " + e.getMessage(), e);
      }
      // 409: it reached another terminal state meanwhile; confirmed below like any other
    }
    try {
      Waits.until(
          "job " + jobId + " to be globally terminal after cancel",
          stopTimeout,
          () -> stopped(jobId),
          JobStop::stopped);
    } catch (WaitTimeoutException e) {
      throw new JobCancelException(
          "cancel of job " + jobId + " did not stop it: " + e.getMessage(), e);
    }
    return Result.CANCELLED;
  }

  private record JobStop(JobObservation job) {
    boolean stopped() {
      return job == null || job.isTerminal();
    }

    @Override
    public String toString() {
      return job == null ? "job unknown to the cluster (404)" : job.toString();
    }
  }

  private JobStop stopped(JobID jobId) {
    try {
      return new JobStop(observe.apply(jobId));
    } catch (FlinkRestException e) {
      if (e.isNotFound()) {
        return new JobStop(null);
      }
      throw e;
    }
  }
}
