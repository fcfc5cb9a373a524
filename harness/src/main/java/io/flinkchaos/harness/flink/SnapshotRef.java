package io.flinkchaos.harness.flink;

import java.util.regex.Pattern;

/**
 * A checkpoint or savepoint as Flink's REST API reports it. {@code timestamp} is the completion
 * time for a completed snapshot and the restore time for a restored one (epoch millis).
 *
 * <p>{@code savepoint} is Flink's {@code is_savepoint} flag as reported, which for a restore does
 * not tell the two apart: Flink 1.20.3's {@code CheckpointCoordinator.restoreSavepoint} loads any
 * explicit path with {@code CheckpointProperties.forSavepoint} (CLAIM) or {@code
 * forUnclaimedSnapshot} (NO_CLAIM), both of snapshot type {@code SavepointType.savepoint}, so a
 * restore from a retained checkpoint reports is_savepoint=true. {@link #kind()} therefore also
 * reads the path: a last segment {@code chk-N} is a checkpoint directory.
 */
public record SnapshotRef(long id, boolean savepoint, String externalPath, long timestamp) {

  private static final Pattern CHECKPOINT_DIR = Pattern.compile("chk-\\d+");

  /** "checkpoint" or "savepoint", by the path where there is one. */
  public String kind() {
    return savepoint && !isCheckpointPath(externalPath) ? "savepoint" : "checkpoint";
  }

  /** Whether the path's last segment is a checkpoint directory, {@code chk-N}. */
  static boolean isCheckpointPath(String path) {
    if (path == null) {
      return false;
    }
    String trimmed = path.replaceAll("/+$", "");
    String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    return CHECKPOINT_DIR.matcher(last).matches();
  }

  @Override
  public String toString() {
    return kind() + " " + id + (externalPath == null ? "" : " (" + externalPath + ")");
  }
}
