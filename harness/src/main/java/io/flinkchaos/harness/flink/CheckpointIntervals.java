package io.flinkchaos.harness.flink;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The gaps between a job's recent checkpoint triggers (Flink's checkpoint statistics), shortest
 * first. Their median says which interval the job runs with: one late trigger, or one skipped while
 * a checkpoint was still running, does not move it.
 */
public record CheckpointIntervals(List<Long> gapsMillis) {

  public CheckpointIntervals {
    gapsMillis = gapsMillis.stream().sorted().toList();
  }

  /** The gaps between consecutive trigger times (epoch millis, ascending). */
  public static CheckpointIntervals between(List<Long> triggerTimes) {
    return new CheckpointIntervals(
        IntStream.range(1, triggerTimes.size())
            .mapToObj(i -> triggerTimes.get(i) - triggerTimes.get(i - 1))
            .toList());
  }

  public int count() {
    return gapsMillis.size();
  }

  /** The upper median of the gaps. */
  public long medianMillis() {
    if (gapsMillis.isEmpty()) {
      throw new IllegalStateException("no interval between fewer than two checkpoints");
    }
    return gapsMillis.get(gapsMillis.size() / 2);
  }

  /** The shortest median that counts as {@code configured}: 80 % of it. */
  public static long shortestAcceptedMillis(Duration configured) {
    return configured.toMillis() * 8 / 10;
  }

  /** The longest median that counts as {@code configured}: 150 % of it. */
  public static long longestAcceptedMillis(Duration configured) {
    return configured.toMillis() * 3 / 2;
  }
}
