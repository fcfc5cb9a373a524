package io.flinkchaos.harness.flink;

/**
 * One entry of a job's checkpoint history ({@code GET /jobs/:jobid/checkpoints}, {@code history}),
 * as Flink 1.20.3's {@code CheckpointStatistics} names it: {@code id}, {@code status}, {@code
 * is_savepoint}, {@code trigger_timestamp}, and the end: {@code latest_ack_timestamp} of a
 * completed one, {@code failure_timestamp} of a failed one ({@code FailedCheckpointStatistics}).
 *
 * @param status COMPLETED, FAILED or IN_PROGRESS ({@code CheckpointStatsStatus})
 * @param endTimestamp epoch millis it completed or failed; 0 while in progress
 */
public record CheckpointRecord(
    long id, String status, boolean savepoint, long triggerTimestamp, long endTimestamp) {

  public boolean ended() {
    return "COMPLETED".equals(status) || "FAILED".equals(status);
  }
}
