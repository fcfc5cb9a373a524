package io.flinkchaos.harness.flink;

/** A job's state and its checkpoint counters, observed together. */
public record JobProgress(JobObservation job, CheckpointObservation checkpoints) {

  @Override
  public String toString() {
    return job + "; " + checkpoints;
  }
}
