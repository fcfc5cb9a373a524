package io.flinkchaos.harness.flink;

import java.util.Optional;

/** The checkpoint counters and latest snapshots of one job at one moment. */
public record CheckpointObservation(
    long completed,
    long failed,
    long inProgress,
    long restored,
    SnapshotRef latestCompleted,
    SnapshotRef latestSavepoint,
    SnapshotRef latestRestored) {

  public Optional<SnapshotRef> lastCompleted() {
    return Optional.ofNullable(latestCompleted);
  }

  public Optional<SnapshotRef> lastRestored() {
    return Optional.ofNullable(latestRestored);
  }

  /** Highest id among completed checkpoints and savepoints, or -1. */
  public long latestCompletedId() {
    long checkpoint = latestCompleted == null ? -1 : latestCompleted.id();
    long savepoint = latestSavepoint == null ? -1 : latestSavepoint.id();
    return Math.max(checkpoint, savepoint);
  }

  @Override
  public String toString() {
    return "checkpoints completed="
        + completed
        + " failed="
        + failed
        + " in-progress="
        + inProgress
        + ", latest completed: "
        + (latestCompleted == null ? "none" : latestCompleted)
        + ", latest restored: "
        + (latestRestored == null ? "none" : latestRestored);
  }
}
