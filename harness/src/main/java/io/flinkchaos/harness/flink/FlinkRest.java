package io.flinkchaos.harness.flink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.messages.webmonitor.JobDetails;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;

/**
 * What the harness asks of Flink's REST API. {@link FlinkRestClient} speaks it over HTTP; unit
 * tests use a testing implementation with failure switches.
 */
public interface FlinkRest extends AutoCloseable {

  String endpoint();

  /** Uploads a job jar; returns the jar id the cluster knows it by. */
  String uploadJar(Path jar);

  JobID runJar(String jarId, JobSubmission submission);

  /** All jobs the cluster knows, with their status. */
  Collection<JobDetails> jobs();

  ClusterOverviewWithVersion overview();

  JobObservation job(JobID jobId);

  /** Resource ids of the TaskManagers that run at least one RUNNING subtask of the job. */
  Set<String> taskManagersRunning(JobID jobId);

  /**
   * The current execution attempt of each subtask of the first vertex whose name contains {@code
   * vertexName} (chained vertices are named "a -> b"), keyed by subtask index. Empty if no vertex
   * matches.
   */
  Map<Integer, SubtaskAttempt> currentAttempts(JobID jobId, String vertexName);

  CheckpointObservation checkpoints(JobID jobId);

  /** The JobManager's effective configuration ({@code GET /jobmanager/config}). */
  org.apache.flink.configuration.Configuration clusterConfiguration();

  /**
   * The newest checkpoints and savepoints with their status (in progress, completed, failed) and
   * their type (checkpoint, savepoint, or the sync-savepoint of a stop-with-savepoint), from one
   * request.
   */
  CheckpointActivity checkpointActivity(JobID jobId);

  /** Trigger times of the most recent completed checkpoints (not savepoints), oldest first. */
  List<Long> recentCheckpointTriggerTimes(JobID jobId);

  /**
   * In-flight data (bytes of channel state: unaligned checkpoints) persisted by the latest
   * completed checkpoint, with its id; empty if none completed.
   */
  default java.util.Optional<InFlightData> latestCheckpointInFlightData(JobID jobId) {
    throw new UnsupportedOperationException("this REST client does not read persisted data");
  }

  /** The in-flight data a completed checkpoint persisted. */
  record InFlightData(long checkpointId, long persistedBytes) {}

  /**
   * The records the job's source has written: its first vertex in Flink's topological order (the
   * order of {@code GET /jobs/:jobid}'s {@code vertices}).
   */
  default SourceOutput sourceOutput(JobID jobId) {
    throw new UnsupportedOperationException("this REST client does not read vertex metrics");
  }

  /**
   * The checkpoints and savepoints in the job's checkpoint history (the newest {@code
   * web.checkpoints.history} of them), oldest first.
   */
  default List<CheckpointRecord> checkpointHistory(JobID jobId) {
    throw new UnsupportedOperationException("this REST client does not read checkpoint history");
  }

  /** The job's restarts and root causes, from its exception history. */
  JobFailures failures(JobID jobId);

  void cancel(JobID jobId);

  /**
   * Stops the job with a savepoint (no drain, as the operator's savepoint upgrade does) and returns
   * the savepoint's path once Flink reports it complete; {@code triggered} runs as soon as Flink
   * accepted the request, while the savepoint is being taken.
   */
  String stopWithSavepoint(
      JobID jobId, String targetDirectory, Duration atMost, Runnable triggered);

  @Override
  void close();
}
