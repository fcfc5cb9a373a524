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
