package io.flinkchaos.harness.flink;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.execution.ExecutionState;

/**
 * A fake job for {@link JobWaits}: plays a script of (status, failures so far) and then repeats the
 * last step. Failures grow as in Flink 1.20's exception history: one entry per restart, the newest
 * first ({@code JobExceptionsHandler#createJobExceptionHistory}).
 */
final class FakeJobObserver implements JobObserver {

  record Step(JobStatus status, boolean verticesRunning, int failures, String latest) {}

  private final Deque<Step> script = new ArrayDeque<>();
  private Step current;
  private int polls;

  FakeJobObserver then(JobStatus status, boolean verticesRunning, int failures, String latest) {
    script.add(new Step(status, verticesRunning, failures, latest));
    return this;
  }

  int polls() {
    return polls;
  }

  @Override
  public synchronized JobProgress progress(JobID jobId) {
    polls++;
    if (!script.isEmpty()) {
      current = script.poll();
    }
    ExecutionState vertexState =
        current.verticesRunning() ? ExecutionState.RUNNING : ExecutionState.DEPLOYING;
    return new JobProgress(
        new JobObservation(jobId, "fake", current.status(), Map.of("source", vertexState)),
        new CheckpointObservation(0, 0, 0, 0, null, null, null));
  }

  @Override
  public synchronized JobFailures failures(JobID jobId) {
    return new JobFailures(current.failures(), false, current.latest(), java.util.List.of());
  }
}
