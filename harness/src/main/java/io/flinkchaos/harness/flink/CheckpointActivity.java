package io.flinkchaos.harness.flink;

import java.util.List;

/**
 * One read of a job's checkpoint statistics: counters and latest snapshots, and what is running.
 */
public record CheckpointActivity(
    CheckpointObservation checkpoints, List<InProgressSnapshot> inProgress) {

  public CheckpointActivity {
    inProgress = List.copyOf(inProgress);
  }
}
