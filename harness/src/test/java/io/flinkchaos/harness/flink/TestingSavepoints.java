package io.flinkchaos.harness.flink;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;

/**
 * Stop-with-savepoint (no drain) of {@link TestingFlinkRest}, a FAKE, with its failure switches.
 * Read in Flink 1.20.3: the trigger is always accepted ({@code DispatcherCachedOperationsHandler});
 * a failure shows in the status as {@code failure-cause}, the {@code CompletionException} around
 * the cause ({@code Dispatcher#stopWithSavepointAndGetLocation} composes futures), so its message
 * is "class: message", which {@link FlinkRestClient} puts after "stop-with-savepoint of job …
 * failed at …: ". A failed savepoint leaves the job RUNNING ({@code
 * StopWithSavepointTerminationHandlerImpl#terminateExceptionally}); a failover aborts it ({@code
 * SchedulerBase#restoreState}: JOB_FAILOVER_REGION); a task failing after the savepoint completed
 * fails the job over globally ({@code StopWithSavepointStoppingException}); success ends the job
 * FINISHED.
 */
public final class TestingSavepoints {

  private static final String CHECKPOINT_EXCEPTION =
      "org.apache.flink.runtime.checkpoint.CheckpointException: ";
  private static final String TASK_FAILURE =
      "java.lang.RuntimeException: task failure injected by TestingSavepoints\n\tat Task.run";

  private final TestingFlinkRest rest;
  private int failuresLeft;
  private boolean failOverDuring;
  private boolean failOverAfterCompletion;
  private int requested;

  TestingSavepoints(TestingFlinkRest rest) {
    this.rest = rest;
  }

  /** The next {@code times} savepoints expire ("Checkpoint expired before completing."). */
  public TestingSavepoints failNext(int times) {
    synchronized (rest) {
      failuresLeft = times;
    }
    return this;
  }

  /** The next savepoint is aborted by a task failure; the job restores its latest checkpoint. */
  public TestingSavepoints jobFailsOverDuringTheNext() {
    synchronized (rest) {
      failOverDuring = true;
    }
    return this;
  }

  /**
   * The next savepoint completes, then a task fails before the job finished: the savepoint exists
   * (and is reported), the stop fails, and the job restores its latest checkpoint (not the
   * savepoint).
   */
  public TestingSavepoints jobFailsOverAfterTheNextCompletes() {
    synchronized (rest) {
      failOverAfterCompletion = true;
    }
    return this;
  }

  /** How many stop-with-savepoint requests the cluster accepted. */
  public int requested() {
    synchronized (rest) {
      return requested;
    }
  }

  String stop(JobID jobId, String targetDirectory, Runnable triggered) {
    InProgressSnapshot pending;
    synchronized (rest) {
      requested++;
      TestingJob job = rest.jobs.get(jobId);
      pending =
          job != null && job.status == JobStatus.RUNNING
              ? job.startSnapshot(InProgressSnapshot.Kind.SYNC_SAVEPOINT, rest.now())
              : null;
    }
    triggered.run();
    synchronized (rest) {
      TestingJob job = rest.jobs.get(jobId);
      if (job == null || job.status.isGloballyTerminalState()) {
        throw failed(
            jobId,
            "org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job"
                + " ("
                + jobId
                + ")");
      }
      if (pending == null) {
        throw failed(jobId, CHECKPOINT_EXCEPTION + "Not all required tasks are currently running.");
      }
      if (!job.inProgress.contains(pending)) {
        throw failed(jobId, CHECKPOINT_EXCEPTION + "FailoverRegion is restarting.");
      }
      if (failuresLeft > 0) {
        failuresLeft--;
        job.inProgress.remove(pending);
        job.failed++;
        throw failed(jobId, CHECKPOINT_EXCEPTION + "Checkpoint expired before completing.");
      }
      if (failOverDuring) {
        failOverDuring = false;
        job.restart(TASK_FAILURE, rest.now(), true);
        throw failed(jobId, CHECKPOINT_EXCEPTION + "FailoverRegion is restarting.");
      }
      String path =
          targetDirectory + "/savepoint-" + jobId.toString().substring(0, 6) + "-" + hex12();
      rest.registerSnapshot(path, pending.id());
      job.complete(pending, path, rest.now());
      if (failOverAfterCompletion) {
        failOverAfterCompletion = false;
        job.restart(TASK_FAILURE, rest.now(), true);
        throw failed(
            jobId,
            "org.apache.flink.runtime.scheduler.stopwithsavepoint.StopWithSavepointStoppingException:"
                + " A savepoint has been created at: "
                + path
                + ", but the corresponding job "
                + jobId
                + " failed during stopping. The savepoint is consistent, but might have uncommitted"
                + " transactions. If you want to commit the transaction please restart a job from"
                + " this savepoint.");
      }
      job.status = JobStatus.FINISHED;
      return path;
    }
  }

  private static FlinkRestException failed(JobID jobId, String cause) {
    return new FlinkRestException(
        "stop-with-savepoint of job "
            + jobId
            + " failed at "
            + TestingFlinkRest.ENDPOINT
            + ": "
            + cause,
        new RuntimeException(cause));
  }

  /** Like Flink's {@code FileUtils.getRandomFilename}: 12 random hex characters. */
  private static String hex12() {
    return String.format(Locale.ROOT, "%012x", ThreadLocalRandom.current().nextLong(1L << 48));
  }
}
