package io.flinkchaos.harness.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.wait.UnexpectedStateException;
import io.flinkchaos.harness.wait.WaitTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;

/** {@link JobWaits} over the REST fake {@link TestingFlinkRest}, as the steps build it. */
class JobWaitsOverRestTest {

  private static final Duration LONG = Duration.ofSeconds(30);
  private static final Duration SHORT = Duration.ofMillis(600);
  private static final String DIVIDE_BY_ZERO =
      "java.lang.ArithmeticException: / by zero\n\tat io.flinkchaos.jobs.Sequence.map";

  private final TickingClock clock = new TickingClock();
  private final TestingFlinkRest flink =
      new TestingFlinkRest(2, clock, "file:/testing-flink/checkpoints");
  private final JobID job =
      flink.runJar(
          "sequence.jar", new JobSubmission("Sequence", List.of(), 2, null, false, Map.of()));
  private final JobWaits waits = new JobWaits(() -> flink);

  /** A clock one second further on every read: the job-lost bound passes in a few polls. */
  private static java.time.Clock secondsPerRead() {
    return new java.time.Clock() {
      private final java.util.concurrent.atomic.AtomicLong seconds =
          new java.util.concurrent.atomic.AtomicLong();

      @Override
      public Instant instant() {
        return Instant.ofEpochSecond(seconds.getAndIncrement());
      }

      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
  }

  @Test
  void aJobTheJobManagerForgotIsLostNamingItsLastCheckpointNotATimeout() {
    LastCheckpoints memory = new LastCheckpoints();
    JobWaits remembering = waits.remembering(memory, secondsPerRead());
    flink.completeCheckpoint(job);
    flink.completeCheckpoint(job);
    remembering.checkpointsCompleted(job, 2, SHORT);
    flink.jobManagerRestartedWithoutHa();

    assertThatThrownBy(() -> waits.remembering(memory, secondsPerRead()).fullyRunning(job, LONG))
        .isInstanceOf(JobLostException.class)
        .hasMessageStartingWith("INVALID: job lost: job " + job)
        .hasMessageContaining(
            "the last checkpoint it could have been resumed from: checkpoint 2 at"
                + " file:/testing-flink/checkpoints/"
                + job
                + "/chk-2");
  }

  @Test
  void aJobUnknownForAMomentIsNotLost() {
    java.util.concurrent.atomic.AtomicInteger notFound =
        new java.util.concurrent.atomic.AtomicInteger(2);
    JobObserver forgetful =
        new JobObserver() {
          private final JobObserver rest = JobObserver.overRest(() -> flink);

          @Override
          public JobProgress progress(JobID jobId) {
            if (notFound.getAndDecrement() > 0) {
              throw new FlinkRestException("GET /jobs/" + jobId + ": 404", null, 404);
            }
            return rest.progress(jobId);
          }

          @Override
          public JobFailures failures(JobID jobId) {
            return rest.failures(jobId);
          }
        };
    java.time.Clock clock = java.time.Clock.systemUTC();

    JobProgress progress =
        new JobWaits(forgetful).remembering(new LastCheckpoints(), clock).fullyRunning(job, LONG);

    assertThat(progress.job().isFullyRunning()).isTrue();
  }

  @Test
  void aRestartAnInjectedFaultExplainsEndsInARestoreTheWaitSees() {
    flink.completeCheckpoint(job);
    Instant beforeTheFault = clock.instant();
    flink.taskManagerLost(1, false);

    JobProgress progress =
        waits.withExpectedRestarts(() -> 1).runningAfterRestoreSince(job, beforeTheFault, LONG);

    assertThat(progress.checkpoints().lastRestored().orElseThrow().id()).isEqualTo(1);
    assertThat(progress.failures().latest())
        .contains("TaskManager with id taskmanager-1-g1 is no longer reachable.");
  }

  @Test
  void theSameRestartWithoutAnInjectedFaultFailsTheWaitAtOnce() {
    flink.completeCheckpoint(job);
    Instant beforeTheFault = clock.instant();
    flink.taskManagerLost(1, false);

    assertThatThrownBy(
            () ->
                waits
                    .withExpectedRestarts(() -> 0)
                    .runningAfterRestoreSince(job, beforeTheFault, LONG))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("the job failed 1 times, more than the 0 restarts")
        .hasMessageContaining(
            "root exception: org.apache.flink.runtime.jobmaster.JobMasterException");
  }

  @Test
  void aRestoreFromAnOlderCheckpointThanRequiredDoesNotEndTheWait() {
    flink.completeCheckpoint(job);
    Instant beforeTheFault = clock.instant();
    flink.taskManagerLost(1, false);

    assertThatThrownBy(() -> waits.restoredSince(job, beforeTheFault, 2, SHORT))
        .isInstanceOf(WaitTimeoutException.class)
        .hasMessageContaining("to restore from a checkpoint >= 2")
        .hasMessageContaining("latest restored: checkpoint 1");
  }

  @Test
  void aJobThatFailedFailsTheWaitAtOnceWithItsRootException() {
    flink.jobFails(job, DIVIDE_BY_ZERO);

    assertThatThrownBy(() -> waits.checkpointsCompleted(job, 1, LONG))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining(
            "the job reached terminal state FAILED; root exception: "
                + "java.lang.ArithmeticException: / by zero");
  }

  @Test
  void aJobThatDoesNotRunAgainTimesOutNamingTheWaitAndTheLastState() {
    flink.jobNotRunning(job);

    assertThatThrownBy(() -> waits.withExpectedRestarts(() -> 1).fullyRunning(job, SHORT))
        .isInstanceOf(WaitTimeoutException.class)
        .hasMessageStartingWith("Timed out after 600 ms waiting for job " + job)
        .hasMessageContaining("all its vertices to be RUNNING")
        .hasMessageContaining("last observed: job " + job + " RESTARTING");
  }

  @Test
  void aRestApiThatIsDownGivesABoundedFailureWithTheLastError() {
    flink.restDown();
    long started = System.nanoTime();

    assertThatThrownBy(() -> waits.checkpointsCompleted(job, 1, SHORT))
        .isInstanceOf(WaitTimeoutException.class)
        .hasMessageContaining("waiting for job " + job + " to complete 1 checkpoints")
        .hasMessageEndingWith("last observed: error: ConnectException: Connection refused");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void theWaitSucceedsOnceTheRestApiAnswersAgain() {
    flink.completeCheckpoint(job);
    flink.restDown();
    flink.restAnswers();

    assertThat(waits.checkpointsCompleted(job, 1, SHORT).checkpoints().completed()).isEqualTo(1);
  }
}
