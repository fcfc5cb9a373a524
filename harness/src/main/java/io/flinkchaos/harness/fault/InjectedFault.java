package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.flink.CheckpointObservation;
import java.time.Instant;
import org.apache.flink.api.common.JobID;

/** A fault as injected: when, into which job, and that job's checkpoints just before. */
public record InjectedFault(
    Fault fault, Instant at, JobID jobId, CheckpointObservation checkpointsBefore) {

  /** The latest checkpoint or savepoint completed before the fault, or -1. */
  public long lastCompletedBefore() {
    return checkpointsBefore == null ? -1 : checkpointsBefore.latestCompletedId();
  }
}
