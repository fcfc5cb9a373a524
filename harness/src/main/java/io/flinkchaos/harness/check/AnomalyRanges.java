package io.flinkchaos.harness.check;

import java.util.Arrays;

/**
 * The seqs of one key with one anomaly, as disjoint merged ranges, in whatever order they arrive:
 * records of a key come out of seq order across part files and bucket directories, and a state
 * reset over 1 500 seqs must still be one anomaly, not 1 500. Each range remembers the value seen
 * at its first seq (the count, for a state reset) for its detail.
 *
 * <p>Memory is bounded: beyond {@link #MAX_RANGES} ranges (a thoroughly broken key) the lowest
 * range farthest from the new seq is reported early; every record is still counted, only ranges
 * that would have merged later stay apart.
 */
final class AnomalyRanges {

  static final int MAX_RANGES = 4096;

  /** Describes a range from its first seq and the value seen there. */
  interface Detail {
    String of(long firstSeq, long valueAtFirstSeq);
  }

  private final AnomalyCategory category;
  private final long key;
  private final Detail detail;

  /** Shared by every key without this anomaly: a healthy key costs no arrays. */
  private static final long[] NONE = new long[0];

  private long[] starts = NONE;
  private long[] ends = NONE;
  private long[] records = NONE;
  private long[] firstValues = NONE;
  private int size;

  AnomalyRanges(AnomalyCategory category, long key, Detail detail) {
    this.category = category;
    this.key = key;
    this.detail = detail;
  }

  /** Adds one record at seq, with the value seen there (e.g. its count). */
  void add(long seq, long value, AnomalySink sink) {
    int i = lastStartAtOrBelow(seq);
    if (i >= 0 && seq <= ends[i] + 1) {
      records[i]++;
      if (seq == ends[i] + 1) {
        ends[i] = seq;
        mergeWithNext(i);
      }
      return;
    }
    if (i + 1 < size && starts[i + 1] == seq + 1) {
      starts[i + 1] = seq;
      firstValues[i + 1] = value;
      records[i + 1]++;
      return;
    }
    if (size == MAX_RANGES) {
      // Report the range farthest from this seq: the least likely to merge with what comes next.
      int farthest = i + 1 <= size / 2 ? size - 1 : 0;
      emit(farthest, sink);
      remove(farthest);
      if (farthest == 0) {
        i--;
      }
    }
    insertAt(i + 1, seq, value);
  }

  /** Reports every range and forgets them. */
  void flush(AnomalySink sink) {
    for (int i = 0; i < size; i++) {
      emit(i, sink);
    }
    size = 0;
  }

  int size() {
    return size;
  }

  private void emit(int i, AnomalySink sink) {
    sink.add(
        new Anomaly(
            category, key, starts[i], ends[i], records[i], detail.of(starts[i], firstValues[i])));
  }

  private void mergeWithNext(int i) {
    if (i + 1 < size && starts[i + 1] == ends[i] + 1) {
      ends[i] = ends[i + 1];
      records[i] += records[i + 1];
      remove(i + 1);
    }
  }

  private int lastStartAtOrBelow(long seq) {
    return SortedStarts.lastAtOrBelow(starts, size, seq);
  }

  private void insertAt(int i, long seq, long value) {
    if (size == starts.length) {
      int capacity = Math.max(2, size * 2);
      starts = Arrays.copyOf(starts, capacity);
      ends = Arrays.copyOf(ends, capacity);
      records = Arrays.copyOf(records, capacity);
      firstValues = Arrays.copyOf(firstValues, capacity);
    }
    System.arraycopy(starts, i, starts, i + 1, size - i);
    System.arraycopy(ends, i, ends, i + 1, size - i);
    System.arraycopy(records, i, records, i + 1, size - i);
    System.arraycopy(firstValues, i, firstValues, i + 1, size - i);
    starts[i] = seq;
    ends[i] = seq;
    records[i] = 1;
    firstValues[i] = value;
    size++;
  }

  private void remove(int i) {
    System.arraycopy(starts, i + 1, starts, i, size - i - 1);
    System.arraycopy(ends, i + 1, ends, i, size - i - 1);
    System.arraycopy(records, i + 1, records, i, size - i - 1);
    System.arraycopy(firstValues, i + 1, firstValues, i, size - i - 1);
    size--;
  }
}
