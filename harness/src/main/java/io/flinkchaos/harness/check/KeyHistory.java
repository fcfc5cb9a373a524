package io.flinkchaos.harness.check;

import java.util.Arrays;
import java.util.List;

/**
 * Everything the checker remembers about one key: the seqs seen as disjoint, merged intervals (one
 * interval for a healthy key, one more per hole), plus the open anomaly runs. Memory is O(1 +
 * anomalies) per key, never O(records).
 */
final class KeyHistory {

  private final long key;
  private long[] starts = new long[2];
  private long[] ends = new long[2];
  private int size;
  private int cursor;

  private final Run duplicates;
  private final Run resets;
  private final Run outOfRange;
  private long records;

  private long[] versionMin = new long[0];
  private long[] versionMax = new long[0];

  KeyHistory(long key, AnomalySink sink) {
    this.key = key;
    this.duplicates = new Run(AnomalyCategory.DUPLICATED, key, sink);
    this.resets = new Run(AnomalyCategory.STATE_RESET, key, sink);
    this.outOfRange = new Run(AnomalyCategory.UNEXPECTED, key, sink);
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

  long minSeq() {
    return starts[0];
  }

  long maxSeq() {
    return ends[size - 1];
  }

  /** Records one committed (key, seq) line; {@code count < 0} or {@code version < 0} if absent. */
  void accept(long seq, long count, int version, long expectedEnd) {
    records++;
    if (seq < 0 || (expectedEnd > 0 && seq >= expectedEnd)) {
      outOfRange.add(seq, "outside 0.." + (expectedEnd > 0 ? expectedEnd - 1 : "max"));
      return;
    }
    if (!add(seq)) {
      duplicates.add(seq, "");
    }
    if (count >= 0 && count != seq + 1) {
      resets.add(seq, "count " + count + " at seq " + seq + ", expected " + (seq + 1));
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
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] <= seq) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return hi;
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
    duplicates.flush();
    resets.flush();
    outOfRange.flush();
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

  /** Consecutive seqs with the same anomaly collapse into one range. */
  private static final class Run {
    private final AnomalyCategory category;
    private final long key;
    private final AnomalySink sink;
    private long first = -1;
    private long last = -1;
    private long records;
    private String detail = "";

    Run(AnomalyCategory category, long key, AnomalySink sink) {
      this.category = category;
      this.key = key;
      this.sink = sink;
    }

    void add(long seq, String firstDetail) {
      if (records > 0 && seq == last + 1) {
        last = seq;
        records++;
        return;
      }
      flush();
      first = seq;
      last = seq;
      records = 1;
      detail = firstDetail;
    }

    void flush() {
      if (records > 0) {
        sink.add(new Anomaly(category, key, first, last, records, detail));
        records = 0;
      }
    }
  }
}
