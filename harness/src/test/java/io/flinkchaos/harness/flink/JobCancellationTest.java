package io.flinkchaos.harness.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.execution.ExecutionState;
import org.junit.jupiter.api.Test;

/**
 * Answers as Flink 1.20 gives them: {@code AbstractExecutionGraphHandler} 404 "Job … not found" for
 * an unknown job; {@code JobCancellationHandler} 404 "Job could not be found.", 409 "Job
 * cancellation failed because the job has already reached another terminal state (…)", 500 "Job
 * cancellation failed: …".
 */
class JobCancellationTest {

  private static final JobID JOB = JobID.fromHexString("0123456789abcdef0123456789abcdef");

  private final Deque<Object> observations = new ArrayDeque<>();
  private final AtomicInteger cancelRequests = new AtomicInteger();
  private RuntimeException cancelAnswer;

  @Test
  void aRunningJobIsCancelledAndConfirmedTerminal() {
    observe(JobStatus.RUNNING, JobStatus.CANCELLING, JobStatus.CANCELED);

    assertThat(cancellation().cancel(JOB)).isEqualTo(JobCancellation.Result.CANCELLED);
    assertThat(cancelRequests).hasValue(1);
  }

  @Test
  void anUnknownJobIsFine() {
    observations.add(rest(404, "Job " + JOB + " not found"));

    assertThat(cancellation().cancel(JOB)).isEqualTo(JobCancellation.Result.UNKNOWN);
    assertThat(cancelRequests).hasValue(0);
  }

  @Test
  void anEndedJobIsFine() {
    observe(JobStatus.FAILED);

    assertThat(cancellation().cancel(JOB)).isEqualTo(JobCancellation.Result.ALREADY_TERMINAL);
    assertThat(cancelRequests).hasValue(0);
  }

  @Test
  void aJobThatEndedWhileBeingCancelledIsFine() {
    observe(JobStatus.RUNNING, JobStatus.FINISHED);
    cancelAnswer =
        rest(
            409,
            "Job cancellation failed because the job has already reached another terminal state"
                + " (FINISHED).");

    assertThat(cancellation().cancel(JOB)).isEqualTo(JobCancellation.Result.CANCELLED);
  }

  @Test
  void anUnreadableJobIsNotTakenAsUnknown() {
    observations.add(rest(500, "Internal server error."));

    assertThatThrownBy(() -> cancellation().cancel(JOB))
        .isInstanceOf(JobCancelException.class)
        .hasMessageContaining("cannot cancel job " + JOB + ": its state is unreadable")
        .hasMessageContaining("Internal server error.");
  }

  @Test
  void aRefusedCancelFailsNamingTheJobAndItsLastState() {
    observe(JobStatus.RUNNING);
    cancelAnswer = rest(500, "Job cancellation failed: rpc timeout");

    assertThatThrownBy(() -> cancellation().cancel(JOB))
        .isInstanceOf(JobCancelException.class)
        .hasMessageContaining(
            "cancel of job " + JOB + " failed (last state job " + JOB + " RUNNING")
        .hasMessageContaining("Job cancellation failed: rpc timeout");
  }

  @Test
  void aJobThatDoesNotStopInTimeFailsWithItsLastState() {
    observe(JobStatus.RUNNING, JobStatus.CANCELLING);

    assertThatThrownBy(() -> cancellation().cancel(JOB))
        .isInstanceOf(JobCancelException.class)
        .hasMessageContaining("cancel of job " + JOB + " did not stop it")
        .hasMessageContaining("last observed: job " + JOB + " CANCELLING")
        .hasMessageNotContaining("\n");
  }

  private JobCancellation cancellation() {
    return new JobCancellation(
        id -> {
          Object next = observations.size() > 1 ? observations.poll() : observations.peek();
          if (next instanceof RuntimeException e) {
            throw e;
          }
          return (JobObservation) next;
        },
        id -> {
          cancelRequests.incrementAndGet();
          if (cancelAnswer != null) {
            throw cancelAnswer;
          }
        },
        Duration.ofMillis(600));
  }

  private void observe(JobStatus... statuses) {
    for (JobStatus status : statuses) {
      observations.add(
          new JobObservation(JOB, "fake", status, Map.of("source", ExecutionState.RUNNING)));
    }
  }

  private static FlinkRestException rest(int status, String message) {
    return new FlinkRestException(
        "GET /jobs/" + JOB + " failed (" + status + "): " + message, null, status);
  }
}
