package io.flinkchaos.harness.check;

/** Binary search over the sorted interval starts that the per-key interval lists keep. */
final class SortedStarts {

  private SortedStarts() {}

  /** The index of the last of {@code starts[0..size)} that is at or below {@code seq}, or -1. */
  static int lastAtOrBelow(long[] starts, int size, long seq) {
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
}
