package io.flinkchaos.harness.flink;

/**
 * A checkpoint or savepoint as Flink's REST API reports it. {@code timestamp} is the completion
 * time for a completed snapshot and the restore time for a restored one (epoch millis).
 */
public record SnapshotRef(long id, boolean savepoint, String externalPath, long timestamp) {

  public String kind() {
    return savepoint ? "savepoint" : "checkpoint";
  }

  @Override
  public String toString() {
    return kind() + " " + id + (externalPath == null ? "" : " (" + externalPath + ")");
  }
}
