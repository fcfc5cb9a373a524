package io.flinkchaos.harness.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.wait.UnexpectedStateException;
import io.flinkchaos.harness.wait.WaitTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

class JobWaitsTest {

  private static final JobID JOB = JobID.fromHexString("0123456789abcdef0123456789abcdef");
  private static final Duration LONG = Duration.ofSeconds(30);
  private static final String BOOM =
      "org.apache.flink.runtime.JobException: Recovery is suppressed by"
          + " NoRestartBackoffTimeStrategy Caused by: java.lang.ArithmeticException: / by zero";

  @Test
  void aFailedJobFailsTheWaitAtOnceWithItsRootException() {
    FakeJobObserver job =
        new FakeJobObserver()
            .then(JobStatus.RUNNING, false, 0, null)
            .then(JobStatus.FAILED, false, 1, BOOM);
    long started = System.nanoTime();

    assertThatThrownBy(() -> new JobWaits(job).fullyRunning(JOB, LONG))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("the job reached terminal state FAILED; root exception: " + BOOM)
        .hasMessageContaining("job " + JOB);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aRestartLoopBeyondTheBudgetFailsTheWaitAtOnce() {
    // one fault allows 1 + 2 restarts; the fourth failure is more than the fault explains
    FakeJobObserver job =
        new FakeJobObserver()
            .then(JobStatus.RESTARTING, false, 1, "kill")
            .then(JobStatus.RUNNING, false, 3, "kill")
            .then(JobStatus.RESTARTING, false, 4, BOOM);
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                new JobWaits(job).withExpectedRestarts(() -> 1).checkpointsCompleted(JOB, 5, LONG))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining(
            "the job failed 4 times, more than the 3 restarts that 1 injected fault(s) explain"
                + " (2 extra per fault); root exception: "
                + BOOM);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void restartsWithinTheBudgetKeepTheWaitGoing() {
    FakeJobObserver job =
        new FakeJobObserver()
            .then(JobStatus.RESTARTING, false, 1, "kill")
            .then(JobStatus.RUNNING, false, 3, "kill")
            .then(JobStatus.RUNNING, true, 3, "kill");

    JobProgress progress = new JobWaits(job).withExpectedRestarts(() -> 1).fullyRunning(JOB, LONG);

    assertThat(progress.job().isFullyRunning()).isTrue();
    assertThat(progress.failures().count()).isEqualTo(3);
  }

  @Test
  void withoutFaultsAnyRestartIsUnexplained() {
    FakeJobObserver job = new FakeJobObserver().then(JobStatus.RESTARTING, false, 1, BOOM);

    assertThatThrownBy(
            () -> new JobWaits(job).withExpectedRestarts(() -> 0).fullyRunning(JOB, LONG))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("more than the 0 restarts that 0 injected fault(s) explain");
  }

  @Test
  void theBudgetIsReadOnEveryPollSoALaterFaultCounts() {
    AtomicInteger faults = new AtomicInteger();
    FakeJobObserver job =
        new FakeJobObserver()
            .then(JobStatus.RUNNING, true, 0, null)
            .then(JobStatus.RESTARTING, false, 2, "kill")
            .then(JobStatus.RUNNING, true, 2, "kill");
    JobWaits waits = new JobWaits(job).withExpectedRestarts(faults::get);

    waits.fullyRunning(JOB, LONG);
    faults.set(1);

    assertThat(waits.fullyRunning(JOB, LONG).failures().count()).isEqualTo(2);
  }

  @Test
  void theBudgetIsCountedForTheJobWaitedFor() {
    JobID other = JobID.generate();
    FakeJobObserver job = new FakeJobObserver().then(JobStatus.RESTARTING, false, 1, "kill");

    assertThatThrownBy(
            () ->
                new JobWaits(job)
                    .withExpectedRestarts(id -> id.equals(other) ? 1 : 0)
                    .fullyRunning(JOB, LONG))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("more than the 0 restarts that 0 injected fault(s) explain");
  }

  @Test
  void withoutABudgetARestartLoopTimesOutShowingTheLatestRootException() {
    FakeJobObserver job = new FakeJobObserver().then(JobStatus.RESTARTING, false, 9, BOOM);

    assertThatThrownBy(() -> new JobWaits(job).fullyRunning(JOB, Duration.ofMillis(500)))
        .isInstanceOf(WaitTimeoutException.class)
        .hasMessageContaining("9 failure(s), latest: " + BOOM);
  }

  @Test
  void allowedRestartsAreOnePlusSlackPerFault() {
    assertThat(JobWaits.allowedRestarts(0)).isZero();
    assertThat(JobWaits.allowedRestarts(2)).isEqualTo(2 * (1 + JobWaits.SLACK_PER_FAULT));
  }
}
