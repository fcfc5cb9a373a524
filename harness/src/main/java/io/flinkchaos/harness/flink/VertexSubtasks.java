package io.flinkchaos.harness.flink;

import java.util.List;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the harness reads of {@code GET /jobs/:jobid/vertices/:vertexid}: each subtask's current
 * attempt, its status and its TaskManager. Its own type rather than Flink 1.20's {@code
 * JobVertexDetailsInfo}, whose subtask constructor rejects Flink 2.x's answer (2.x no longer sends
 * fields 1.20 requires); the field names are the same in both (read in 1.20.3's {@code
 * SubtaskExecutionAttemptDetailsInfo} and checked against 2.2.1 by FlinkRestClientVersionsIT).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
final class VertexSubtasks {

  @JsonProperty("subtasks")
  List<Subtask> subtasks = List.of();

  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Subtask {
    @JsonProperty("subtask")
    int subtask;

    @JsonProperty("status")
    String status;

    @JsonProperty("attempt")
    int attempt;

    @JsonProperty("start-time")
    long startTime;

    @JsonProperty("taskmanager-id")
    String taskManagerId;

    boolean running() {
      return "RUNNING".equals(status);
    }
  }
}
