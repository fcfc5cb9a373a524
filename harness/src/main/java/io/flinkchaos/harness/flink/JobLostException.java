package io.flinkchaos.harness.flink;

import io.flinkchaos.harness.wait.UnexpectedStateException;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.JobID;

/**
 * The JobManager that answers now does not know the job, and kept saying so: the job is lost, as
 * when a JobManager without HA metadata restarts (Flink's standalone docs: without HA "running
 * programs fail" when the JobManager crashes; the non-HA job store keeps nothing). An INVALID
 * outcome, never a timeout: it names the last checkpoint the job could have been resumed from.
 */
public final class JobLostException extends UnexpectedStateException {

  private final JobID jobId;
  private final Optional<SnapshotRef> lastCheckpoint;

  public JobLostException(JobID jobId, Optional<SnapshotRef> lastCheckpoint, Duration unknownFor) {
    super(
        "INVALID: job lost: job "
            + jobId
            + " is unknown to the JobManager (404 for "
            + unknownFor.toMillis()
            + " ms; a JobManager restarted without HA metadata keeps no job); "
            + lastCheckpoint
                .map(
                    c ->
                        "the last checkpoint it could have been resumed from: checkpoint "
                            + c.id()
                            + " at "
                            + c.externalPath())
                .orElse("no completed checkpoint of it was seen, so it could not be resumed"));
    this.jobId = jobId;
    this.lastCheckpoint = lastCheckpoint;
  }

  public JobID jobId() {
    return jobId;
  }

  public Optional<SnapshotRef> lastCheckpoint() {
    return lastCheckpoint;
  }
}
