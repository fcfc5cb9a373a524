package io.flinkchaos.harness.flink;

/**
 * A checkpoint or savepoint Flink's checkpoint statistics history reports as IN_PROGRESS.
 *
 * @param triggeredAt Flink's trigger timestamp (epoch millis)
 */
public record InProgressSnapshot(long id, Kind kind, long triggeredAt) {

  /** Flink's {@code CheckpointStatistics.RestAPICheckpointType}, coarsened to what matters here. */
  public enum Kind {
    CHECKPOINT("checkpoint"),
    SAVEPOINT("savepoint"),
    /** A stop-with-savepoint's savepoint: the job stops once it completes. */
    SYNC_SAVEPOINT("sync-savepoint");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public boolean isSavepoint() {
      return this != CHECKPOINT;
    }

    /**
     * From the name of Flink 1.20's {@code RestAPICheckpointType} (CHECKPOINT,
     * UNALIGNED_CHECKPOINT, SAVEPOINT, SYNC_SAVEPOINT); that enum is not public.
     */
    static Kind fromRestType(String restType, boolean savepoint) {
      if ("SYNC_SAVEPOINT".equals(restType)) {
        return SYNC_SAVEPOINT;
      }
      if ("SAVEPOINT".equals(restType) || savepoint) {
        return SAVEPOINT;
      }
      return CHECKPOINT;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  @Override
  public String toString() {
    return kind + " " + id;
  }
}
