package io.flinkchaos.harness.flink;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.rest.messages.job.metrics.IOMetricsInfo;

/** Flink's REST response bodies translated into what the harness reasons about. */
final class RestResponses {

  private RestResponses() {}

  static CheckpointObservation observation(CheckpointingStatistics stats) {
    CheckpointingStatistics.Counts counts = stats.getCounts();
    CheckpointingStatistics.LatestCheckpoints latest = stats.getLatestCheckpoints();
    CheckpointingStatistics.RestoredCheckpointStatistics restored =
        latest.getRestoredCheckpointStatistics();
    return new CheckpointObservation(
        counts.getNumberCompletedCheckpoints(),
        counts.getNumberFailedCheckpoints(),
        counts.getNumberInProgressCheckpoints(),
        counts.getNumberRestoredCheckpoints(),
        completed(latest.getCompletedCheckpointStatistics()),
        completed(latest.getSavepointStatistics()),
        restored == null
            ? null
            : new SnapshotRef(
                restored.getId(),
                restored.isSavepoint(),
                restored.getExternalPath(),
                restored.getRestoreTimestamp()));
  }

  static CheckpointActivity activity(CheckpointingStatistics stats) {
    List<InProgressSnapshot> inProgress =
        stats.getHistory().stream()
            .filter(c -> c.getStatus() == CheckpointStatsStatus.IN_PROGRESS)
            .map(
                c ->
                    new InProgressSnapshot(
                        c.getId(),
                        // RestAPICheckpointType is package-private: read its name only
                        InProgressSnapshot.Kind.fromRestType(
                            String.valueOf((Object) c.getCheckpointType()), c.isSavepoint()),
                        c.getTriggerTimestamp()))
            .sorted(Comparator.comparingLong(InProgressSnapshot::id))
            .toList();
    return new CheckpointActivity(observation(stats), inProgress);
  }

  /** Trigger times of the completed checkpoints (not savepoints) in the history, oldest first. */
  static List<Long> completedCheckpointTriggerTimes(CheckpointingStatistics stats) {
    return stats.getHistory().stream()
        .filter(c -> !c.isSavepoint())
        .filter(c -> c.getStatus() == CheckpointStatsStatus.COMPLETED)
        .map(CheckpointStatistics::getTriggerTimestamp)
        .sorted()
        .toList();
  }

  static SourceOutput sourceOutput(JobDetailsInfo.JobVertexDetailsInfo vertex) {
    IOMetricsInfo metrics = vertex.getJobVertexMetrics();
    return new SourceOutput(
        vertex.getName(),
        metrics.getRecordsWritten(),
        metrics.isRecordsWrittenComplete(),
        vertex.getExecutionState() == ExecutionState.RUNNING);
  }

  /** The history's entries, oldest first. */
  static List<CheckpointRecord> history(CheckpointingStatistics stats) {
    return stats.getHistory().stream()
        .map(
            c ->
                new CheckpointRecord(
                    c.getId(),
                    c.getStatus().name(),
                    c.isSavepoint(),
                    c.getTriggerTimestamp(),
                    switch (c.getStatus()) {
                      case COMPLETED -> c.getLatestAckTimestamp();
                      case FAILED ->
                          c instanceof CheckpointStatistics.FailedCheckpointStatistics failed
                              ? failed.getFailureTimestamp()
                              : c.getLatestAckTimestamp();
                      case IN_PROGRESS -> 0L;
                    }))
        .sorted(Comparator.comparingLong(CheckpointRecord::id))
        .toList();
  }

  static JobFailures failures(ExceptionHistory.History history) {
    List<ExceptionHistory.Entry> entries = history.entries;
    return new JobFailures(
        entries.size(),
        history.truncated,
        entries.isEmpty() ? null : FlinkErrorText.summarize(entries.get(0).stacktrace),
        entries.stream()
            .map(
                e ->
                    new JobFailure(
                        Instant.ofEpochMilli(e.timestamp), e.taskManagerId, e.stacktrace))
            .toList());
  }

  private static SnapshotRef completed(CheckpointStatistics.CompletedCheckpointStatistics stats) {
    return stats == null
        ? null
        : new SnapshotRef(
            stats.getId(),
            stats.isSavepoint(),
            stats.getExternalPath(),
            stats.getLatestAckTimestamp());
  }
}
