package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.flink.JobObservation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.execution.ExecutionState;
import org.junit.jupiter.api.Test;

/**
 * When "the sequence has finished ... while the job runs on" holds, on vertex names as the
 * keep-alive job's REST answer has them (Flink names a chained vertex "a -> b").
 */
class FinalCheckpointStepsTest {

  private static final String SOURCE = "Source: sequence source";
  private static final String SINK =
      "per-key count -> committed-output: Writer -> committed-output: Committer";
  private static final String KEEP_ALIVE =
      "Source: keep-alive source -> keep-alive pause -> keep-alive sink: Writer";

  @Test
  void holdsOnceEverySequenceVertexFinishedAndTheKeepAliveBranchRuns() {
    assertThat(
            FinalCheckpointSteps.sequenceFinishedWhileRunning(
                observed(
                    JobStatus.RUNNING,
                    ExecutionState.FINISHED,
                    ExecutionState.FINISHED,
                    ExecutionState.RUNNING)))
        .isTrue();
  }

  @Test
  void doesNotHoldWhileTheSinkWaitsForItsFinalCheckpoint() {
    assertThat(
            FinalCheckpointSteps.sequenceFinishedWhileRunning(
                observed(
                    JobStatus.RUNNING,
                    ExecutionState.FINISHED,
                    ExecutionState.RUNNING,
                    ExecutionState.RUNNING)))
        .isFalse();
  }

  @Test
  void doesNotHoldOnceTheKeepAliveBranchEndedOrTheJobLeftRunning() {
    assertThat(
            FinalCheckpointSteps.sequenceFinishedWhileRunning(
                observed(
                    JobStatus.RUNNING,
                    ExecutionState.FINISHED,
                    ExecutionState.FINISHED,
                    ExecutionState.FINISHED)))
        .isFalse();
    assertThat(
            FinalCheckpointSteps.sequenceFinishedWhileRunning(
                observed(
                    JobStatus.FINISHED,
                    ExecutionState.FINISHED,
                    ExecutionState.FINISHED,
                    ExecutionState.FINISHED)))
        .isFalse();
  }

  @Test
  void doesNotHoldForAJobWithoutAKeepAliveBranch() {
    Map<String, ExecutionState> vertices = new LinkedHashMap<>();
    vertices.put(SOURCE, ExecutionState.FINISHED);
    vertices.put(SINK, ExecutionState.FINISHED);
    assertThat(
            FinalCheckpointSteps.sequenceFinishedWhileRunning(
                new JobObservation(new JobID(), "sequence-job", JobStatus.RUNNING, vertices)))
        .isFalse();
  }

  private static JobObservation observed(
      JobStatus job, ExecutionState source, ExecutionState sink, ExecutionState keepAlive) {
    Map<String, ExecutionState> vertices = new LinkedHashMap<>();
    vertices.put(SOURCE, source);
    vertices.put(SINK, sink);
    vertices.put(KEEP_ALIVE, keepAlive);
    return new JobObservation(new JobID(), "sequence-job", job, vertices);
  }
}
