package io.flinkchaos.harness.check;

import java.util.Arrays;
import java.util.List;

/**
 * Everything the checker remembers about one key: the seqs seen as disjoint, merged intervals (one
 * interval for a healthy key, one more per hole), plus the anomalies as merged ranges. Memory is
 * O(1 + anomaly ranges) per key, never O(records).
 */
final class KeyHistory {

  private final long key;
  private long[] starts = new long[2];
  private long[] ends = new long[2];
  private int size;
  private int cursor;

  private final AnomalySink sink;
  private final AnomalyRanges duplicates;
  private final AnomalyRanges resets;
  private final AnomalyRanges outOfRange;
  private long records;
  private long lowestSeqSeen = Long.MAX_VALUE;
  private long highestSeqSeen = Long.MIN_VALUE;

  private long[] versionMin = new long[0];
  private long[] versionMax = new long[0];

  KeyHistory(long key, AnomalySink sink) {
    this.key = key;
    this.sink = sink;
    this.duplicates = new AnomalyRanges(AnomalyCategory.DUPLICATED, key, (seq, count) -> "");
    this.resets = new AnomalyRanges(AnomalyCategory.STATE_RESET, key, KeyHistory::resetDetail);
    this.outOfRange =
        new AnomalyRanges(
            AnomalyCategory.UNEXPECTED,
            key,
            (seq, end) -> "outside 0.." + (end > 0 ? end - 1 : "max"));
  }

  private static String resetDetail(long seq, long count) {
    return count == 1
        ? "count restarted at 1"
        : "count " + count + " at seq " + seq + ", expected " + (seq + 1);
  }

  long key() {
    return key;
  }

  long records() {
    return records;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The lowest committed seq within the expected range, or -1 if there is none. */
  long minSeq() {
    return size == 0 ? -1 : starts[0];
  }

  /** The lowest seq of any record of this key, in range or not. */
  long lowestSeqSeen() {
    return lowestSeqSeen;
  }

  /** The highest seq of any record of this key, in range or not. */
  long highestSeqSeen() {
    return highestSeqSeen;
  }

  /** The highest committed seq within the expected range, or -1 if there is none. */
  long maxSeq() {
    return size == 0 ? -1 : ends[size - 1];
  }

  /**
   * Counts a record of a key the job never emits: only its seq span is kept, for one anomaly over
   * the whole key.
   */
  void acceptUnexpectedKey(long seq) {
    records++;
    lowestSeqSeen = Math.min(lowestSeqSeen, seq);
    highestSeqSeen = Math.max(highestSeqSeen, seq);
  }

  /** Records one committed (key, seq) line; {@code count < 0} or {@code version < 0} if absent. */
  void accept(long seq, long count, int version, long expectedEnd) {
    acceptUnexpectedKey(seq);
    if (seq < 0 || (expectedEnd > 0 && seq >= expectedEnd)) {
      outOfRange.add(seq, expectedEnd, sink);
      return;
    }
    if (!add(seq)) {
      duplicates.add(seq, 0, sink);
    }
    if (count >= 0 && count != seq + 1) {
      resets.add(seq, count, sink);
    }
    if (version >= 0) {
      trackVersion(seq, version);
    }
  }

  /** Adds seq to the interval set; false if it was already there. */
  private boolean add(long seq) {
    if (size == 0) {
      insertAt(0, seq);
      return true;
    }
    int c = cursor;
    if (seq == ends[c] + 1) {
      extendEnd(c, seq);
      return true;
    }
    if (seq >= starts[c] && seq <= ends[c]) {
      return false;
    }
    int i = lastStartAtOrBelow(seq);
    if (i >= 0 && seq <= ends[i]) {
      cursor = i;
      return false;
    }
    if (i >= 0 && seq == ends[i] + 1) {
      extendEnd(i, seq);
      return true;
    }
    if (i + 1 < size && starts[i + 1] == seq + 1) {
      starts[i + 1] = seq;
      cursor = i + 1;
      return true;
    }
    insertAt(i + 1, seq);
    return true;
  }

  private void extendEnd(int i, long seq) {
    ends[i] = seq;
    cursor = i;
    if (i + 1 < size && starts[i + 1] == seq + 1) {
      ends[i] = ends[i + 1];
      System.arraycopy(starts, i + 2, starts, i + 1, size - i - 2);
      System.arraycopy(ends, i + 2, ends, i + 1, size - i - 2);
      size--;
    }
  }

  private int lastStartAtOrBelow(long seq) {
    return SortedStarts.lastAtOrBelow(starts, size, seq);
  }

  private void insertAt(int i, long seq) {
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
    }
    System.arraycopy(starts, i, starts, i + 1, size - i);
    System.arraycopy(ends, i, ends, i + 1, size - i);
    starts[i] = seq;
    ends[i] = seq;
    size++;
    cursor = i;
  }

  private void trackVersion(long seq, int version) {
    if (version >= versionMin.length) {
      int old = versionMin.length;
      versionMin = Arrays.copyOf(versionMin, version + 1);
      versionMax = Arrays.copyOf(versionMax, version + 1);
      Arrays.fill(versionMin, old, version + 1, Long.MAX_VALUE);
      Arrays.fill(versionMax, old, version + 1, Long.MIN_VALUE);
    }
    versionMin[version] = Math.min(versionMin[version], seq);
    versionMax[version] = Math.max(versionMax[version], seq);
  }

  /** Lowest seq seen with the given version, or -1. */
  long versionMin(int version) {
    return version < versionMin.length && versionMin[version] != Long.MAX_VALUE
        ? versionMin[version]
        : -1;
  }

  /** Highest seq seen with the given version, or -1. */
  long versionMax(int version) {
    return version < versionMax.length && versionMax[version] != Long.MIN_VALUE
        ? versionMax[version]
        : -1;
  }

  /** Reports holes, a missing tail, version interleaving and any open runs. */
  void finish(
      long expectedEnd, VersionOrder versions, List<String> requiredVersions, AnomalySink sink) {
    duplicates.flush(sink);
    resets.flush(sink);
    outOfRange.flush(sink);
    if (size == 0) {
      return;
    }
    if (starts[0] > 0) {
      sink.add(Anomaly.of(AnomalyCategory.LOST, key, 0, starts[0] - 1));
    }
    for (int i = 1; i < size; i++) {
      sink.add(Anomaly.of(AnomalyCategory.LOST, key, ends[i - 1] + 1, starts[i] - 1));
    }
    if (expectedEnd > 0 && ends[size - 1] < expectedEnd - 1) {
      sink.add(Anomaly.of(AnomalyCategory.LOST, key, ends[size - 1] + 1, expectedEnd - 1));
    }
    versions.check(this, requiredVersions, sink);
  }
}
