package io.flinkchaos.harness.flink;

/** A job's state, its checkpoint counters and (when observed) its failures, observed together. */
public record JobProgress(
    JobObservation job, CheckpointObservation checkpoints, JobFailures failures) {

  public JobProgress(JobObservation job, CheckpointObservation checkpoints) {
    this(job, checkpoints, JobFailures.NOT_OBSERVED);
  }

  JobProgress withFailures(JobFailures observed) {
    return new JobProgress(job, checkpoints, observed);
  }

  @Override
  public String toString() {
    return job + "; " + checkpoints + (failures == JobFailures.NOT_OBSERVED ? "" : "; " + failures);
  }
}
