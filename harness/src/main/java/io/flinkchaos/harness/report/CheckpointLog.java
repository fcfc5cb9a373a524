package io.flinkchaos.harness.report;

import io.flinkchaos.harness.flink.CheckpointRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoints a scenario's jobs completed or failed, gathered from successive reads of Flink's
 * checkpoint history. The history holds only the newest {@code web.checkpoints.history} entries (10
 * by default), so each read adds what is new and updates what ended since; entries are kept by job
 * and id (an upgrade's new job counts on from the id it restored). Savepoints are left out.
 */
public final class CheckpointLog {

  /** A checkpoint that ended: COMPLETED or FAILED, {@code offsetSeconds} after the start. */
  public record Mark(long id, String status, double offsetSeconds) {}

  private record Key(String job, long id) {}

  private final Instant start;
  private final Map<Key, CheckpointRecord> byJobAndId = new LinkedHashMap<>();

  public CheckpointLog(Instant start) {
    this.start = start;
  }

  public synchronized void add(String job, List<CheckpointRecord> history) {
    history.stream()
        .filter(c -> !c.savepoint())
        .forEach(c -> byJobAndId.put(new Key(job, c.id()), c));
  }

  /** The checkpoints that ended, in the order they ended. */
  public synchronized List<Mark> ended() {
    return byJobAndId.values().stream()
        .filter(CheckpointRecord::ended)
        .sorted(Comparator.comparingLong(CheckpointRecord::endTimestamp))
        .map(
            c ->
                new Mark(
                    c.id(),
                    c.status(),
                    Duration.between(start, Instant.ofEpochMilli(c.endTimestamp())).toMillis()
                        / 1000.0))
        .toList();
  }
}
