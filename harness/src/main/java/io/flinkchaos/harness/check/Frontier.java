package io.flinkchaos.harness.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Per key, the highest committed seq at one moment: what the job had made durable. Taken at a fault
 * and compared with a later one, it proves progress ({@link #stalledSince}). Immutable; memory is
 * two longs per key.
 */
public final class Frontier {

  private static final Frontier EMPTY = new Frontier(new long[0], new long[0]);

  /** Sorted keys, and the highest committed seq of each. */
  private final long[] keys;

  private final long[] seqs;

  private Frontier(long[] keys, long[] seqs) {
    this.keys = keys;
    this.seqs = seqs;
  }

  public static Frontier empty() {
    return EMPTY;
  }

  /** A frontier from key to highest committed seq (negative seqs mean no record). */
  public static Frontier of(Map<Long, Long> highestSeqByKey) {
    long[] keys =
        highestSeqByKey.entrySet().stream()
            .filter(e -> e.getValue() >= 0)
            .mapToLong(Map.Entry::getKey)
            .sorted()
            .toArray();
    long[] seqs = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      seqs[i] = highestSeqByKey.get(keys[i]);
    }
    return keys.length == 0 ? EMPTY : new Frontier(keys, seqs);
  }

  /** Builds a frontier from keys in ascending order. */
  static final class Builder {
    private long[] keys = new long[16];
    private long[] seqs = new long[16];
    private int size;

    Builder add(long key, long highestSeq) {
      if (size > 0 && key <= keys[size - 1]) {
        throw new IllegalArgumentException("keys must ascend: " + key + " after " + keys[size - 1]);
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        seqs = Arrays.copyOf(seqs, size * 2);
      }
      keys[size] = key;
      seqs[size] = highestSeq;
      size++;
      return this;
    }

    Frontier build() {
      return size == 0 ? EMPTY : new Frontier(Arrays.copyOf(keys, size), Arrays.copyOf(seqs, size));
    }
  }

  /** The highest committed seq of the key, or -1 if it has no committed record. */
  public long highestSeq(long key) {
    int i = Arrays.binarySearch(keys, key);
    return i < 0 ? -1 : seqs[i];
  }

  /** How many keys have a committed record. */
  public int keys() {
    return keys.length;
  }

  public boolean isEmpty() {
    return keys.length == 0;
  }

  /**
   * One STALLED anomaly per key that did not commit past its seq in {@code baseline}: every key of
   * the baseline, and every key {@code 0..expectedKeys-1} (a key with no record in either is
   * stalled from -1). A job that recovered commits past the frontier at the fault on every key.
   */
  public List<Anomaly> stalledSince(Frontier baseline, int expectedKeys) {
    List<Anomaly> stalled = new ArrayList<>();
    int b = 0;
    for (long key = 0; key < expectedKeys; key++) {
      while (b < baseline.keys.length && baseline.keys[b] < key) {
        stalledIfBehind(baseline.keys[b], baseline.seqs[b], stalled);
        b++;
      }
      if (b < baseline.keys.length && baseline.keys[b] == key) {
        stalledIfBehind(key, baseline.seqs[b], stalled);
        b++;
      } else {
        stalledIfBehind(key, -1, stalled);
      }
    }
    for (; b < baseline.keys.length; b++) {
      stalledIfBehind(baseline.keys[b], baseline.seqs[b], stalled);
    }
    return stalled;
  }

  private void stalledIfBehind(long key, long baselineSeq, List<Anomaly> stalled) {
    if (highestSeq(key) <= baselineSeq) {
      stalled.add(
          new Anomaly(
              AnomalyCategory.STALLED,
              key,
              baselineSeq,
              baselineSeq,
              0,
              baselineSeq < 0
                  ? "no committed record for this key, none at the fault either"
                  : "no commit past seq " + baselineSeq + ", the frontier at the fault"));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frontier other
        && Arrays.equals(keys, other.keys)
        && Arrays.equals(seqs, other.seqs);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(keys) + Arrays.hashCode(seqs);
  }

  @Override
  public String toString() {
    if (keys.length == 0) {
      return "no committed record";
    }
    long min = Arrays.stream(seqs).min().orElse(-1);
    long max = Arrays.stream(seqs).max().orElse(-1);
    return keys.length + " keys at seq " + (min == max ? "" + min : min + ".." + max);
  }
}
