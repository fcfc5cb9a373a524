package io.flinkchaos.harness.flink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.execution.ExecutionState;

/** A job's status and every vertex's aggregated execution state at one moment. */
public record JobObservation(
    JobID jobId, String name, JobStatus status, Map<String, ExecutionState> vertices) {

  public JobObservation {
    vertices = new LinkedHashMap<>(vertices);
  }

  /**
   * RUNNING for the job and for every vertex: tasks deployed and processing, not just scheduled.
   */
  public boolean isFullyRunning() {
    return status == JobStatus.RUNNING
        && !vertices.isEmpty()
        && vertices.values().stream().allMatch(state -> state == ExecutionState.RUNNING);
  }

  public boolean isTerminal() {
    return status.isGloballyTerminalState();
  }

  @Override
  public String toString() {
    return "job "
        + jobId
        + " "
        + status
        + " ["
        + vertices.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "))
        + "]";
  }
}
