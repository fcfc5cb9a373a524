package io.flinkchaos.harness.flink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.execution.ExecutionState;

/**
 * One job of {@link TestingFlinkRest}, a fake: its status, checkpoint statistics, exception history
 * and the TaskManager each subtask runs on (all vertices share slots, so subtask i of every vertex
 * runs on the same TaskManager). Snapshot ids follow Flink 1.20's {@code CheckpointCoordinator}:
 * checkpoints and savepoints share one counter, which continues after the id a job was restored
 * from; only checkpoints (not savepoints) are restored on failover ({@code
 * addCompletedCheckpointToStoreAndSubsumeOldest} skips savepoints).
 */
final class TestingJob {

  /** Flink 1.20's default {@code web.exception-history-size}. */
  static final int EXCEPTION_HISTORY_SIZE = 16;

  /** Flink 1.20's default {@code web.checkpoints.history}. */
  static final int CHECKPOINT_HISTORY_SIZE = 10;

  final JobID id;
  final JobSubmission submission;
  final List<String> vertices;
  final long startedAt;
  JobStatus status = JobStatus.RUNNING;
  long nextSnapshotId = 1;
  long completed;
  long failed;
  long restoredCount;
  SnapshotRef latestCheckpoint;
  SnapshotRef latestSavepoint;
  SnapshotRef restored;
  final Deque<Long> completedCheckpointTriggerTimes = new ArrayDeque<>();
  final List<InProgressSnapshot> inProgress = new ArrayList<>();

  /** Root exceptions, newest first, as Flink's exception history lists them. */
  final Deque<JobFailure> exceptions = new ArrayDeque<>();

  int failures;
  int attempt;
  long deployedAt;
  final Map<Integer, Integer> taskManagerOfSubtask = new TreeMap<>();

  TestingJob(JobID id, JobSubmission submission, List<String> vertices, long now) {
    this.id = id;
    this.submission = submission;
    this.vertices = List.copyOf(vertices);
    this.startedAt = now;
    this.deployedAt = now;
  }

  String name() {
    return submission.entryClass();
  }

  /** Submitted from a snapshot: reported as restored with is_savepoint=true (see SnapshotRef). */
  void restoredFrom(long snapshotId, String path, long now) {
    restored = new SnapshotRef(snapshotId, true, path, now);
    restoredCount++;
    nextSnapshotId = snapshotId + 1;
  }

  InProgressSnapshot startSnapshot(InProgressSnapshot.Kind kind, long now) {
    InProgressSnapshot snapshot = new InProgressSnapshot(nextSnapshotId++, kind, now);
    inProgress.add(snapshot);
    return snapshot;
  }

  SnapshotRef complete(InProgressSnapshot snapshot, String path, long now) {
    inProgress.remove(snapshot);
    completed++;
    SnapshotRef done = new SnapshotRef(snapshot.id(), snapshot.kind().isSavepoint(), path, now);
    if (snapshot.kind().isSavepoint()) {
      latestSavepoint = done;
    } else {
      latestCheckpoint = done;
      completedCheckpointTriggerTimes.addLast(snapshot.triggeredAt());
      if (completedCheckpointTriggerTimes.size() > CHECKPOINT_HISTORY_SIZE) {
        completedCheckpointTriggerTimes.removeFirst();
      }
    }
    return done;
  }

  /** Pending snapshots are aborted when the job fails over or stops (they count as failed). */
  void abortInProgress() {
    failed += inProgress.size();
    inProgress.clear();
  }

  void recordFailure(String stackTrace, long now) {
    failures++;
    exceptions.addFirst(new JobFailure(java.time.Instant.ofEpochMilli(now), null, stackTrace));
    if (exceptions.size() > EXCEPTION_HISTORY_SIZE) {
      exceptions.removeLast();
    }
  }

  /** Fails over: pending snapshots aborted, new attempts, restored from the latest checkpoint. */
  void restart(String stackTrace, long now, boolean recovers) {
    recordFailure(stackTrace, now);
    abortInProgress();
    status = JobStatus.RESTARTING;
    if (recovers) {
      recover(now);
    }
  }

  void recover(long now) {
    attempt++;
    deployedAt = now;
    if (latestCheckpoint != null) {
      restored =
          new SnapshotRef(latestCheckpoint.id(), false, latestCheckpoint.externalPath(), now);
      restoredCount++;
    }
    status = JobStatus.RUNNING;
  }

  CheckpointObservation observation() {
    return new CheckpointObservation(
        completed,
        failed,
        inProgress.size(),
        restoredCount,
        latestCheckpoint,
        latestSavepoint,
        restored);
  }

  JobFailures jobFailures() {
    return new JobFailures(
        exceptions.size(),
        failures > exceptions.size(),
        exceptions.isEmpty() ? null : FlinkErrorText.summarize(exceptions.getFirst().stackTrace()),
        List.copyOf(exceptions));
  }

  JobObservation observe() {
    Map<String, ExecutionState> states = new LinkedHashMap<>();
    vertices.forEach(vertex -> states.put(vertex, vertexState()));
    return new JobObservation(id, name(), status, states);
  }

  private ExecutionState vertexState() {
    return switch (status) {
      case RUNNING -> ExecutionState.RUNNING;
      case CANCELLING -> ExecutionState.CANCELING;
      case CANCELED -> ExecutionState.CANCELED;
      case FINISHED -> ExecutionState.FINISHED;
      case FAILED, FAILING -> ExecutionState.FAILED;
      default -> ExecutionState.SCHEDULED;
    };
  }
}
