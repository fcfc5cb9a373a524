package io.flinkchaos.harness.check;

/**
 * One anomaly over a contiguous seq range of one key. {@code records} counts the records involved
 * (for duplicates: the extra copies).
 */
public record Anomaly(
    AnomalyCategory category, long key, long firstSeq, long lastSeq, long records, String detail) {

  public static Anomaly of(AnomalyCategory category, long key, long firstSeq, long lastSeq) {
    return new Anomaly(category, key, firstSeq, lastSeq, lastSeq - firstSeq + 1, "");
  }

  public String seqRange() {
    return firstSeq == lastSeq ? Long.toString(firstSeq) : firstSeq + ".." + lastSeq;
  }

  @Override
  public String toString() {
    String text =
        category == AnomalyCategory.STALLED
            ? category.label() + " key " + key + " at seq " + seqRange()
            : category.label() + " key " + key + " seq " + seqRange();
    return detail.isEmpty() ? text : text + " (" + detail + ")";
  }
}
