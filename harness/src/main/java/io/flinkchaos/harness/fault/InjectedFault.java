package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.flink.CheckpointObservation;
import java.time.Instant;

/** A fault as injected: when, and the job's checkpoints just before. */
public record InjectedFault(Fault fault, Instant at, CheckpointObservation checkpointsBefore) {

  /** The latest checkpoint or savepoint completed before the fault, or -1. */
  public long lastCompletedBefore() {
    return checkpointsBefore == null ? -1 : checkpointsBefore.latestCompletedId();
  }
}
