package io.flinkchaos.harness.flink;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.JobID;

/**
 * The latest completed checkpoint each job was seen with, kept across waits: once a JobManager has
 * forgotten a job, only this says where it could have been resumed from.
 */
public final class LastCheckpoints {

  private final Map<JobID, SnapshotRef> latest = new ConcurrentHashMap<>();

  /** Remembers {@code completed} if it is newer than what was seen of the job before. */
  public void saw(JobID jobId, Optional<SnapshotRef> completed) {
    completed.ifPresent(
        c -> latest.merge(jobId, c, (old, now) -> now.id() >= old.id() ? now : old));
  }

  public Optional<SnapshotRef> of(JobID jobId) {
    return Optional.ofNullable(latest.get(jobId));
  }
}
