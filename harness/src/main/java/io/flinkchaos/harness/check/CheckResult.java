package io.flinkchaos.harness.check;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a check of committed output found. {@link #summary()} is the one-line verdict a scenario
 * prints: the verdict, the volume read, and the first anomalies by key and seq range. {@link
 * #frontier()} is the output checker's highest committed seq per key (empty for the witness and for
 * UNKNOWN): keep it at a fault and pass it to {@link SequenceChecker#withProgressBeyond}.
 */
public record CheckResult(
    String checker,
    Verdict verdict,
    String location,
    String volume,
    long files,
    long records,
    long keys,
    List<String> versions,
    List<Anomaly> anomalies,
    Map<AnomalyCategory, Long> rangesByCategory,
    Map<AnomalyCategory, Long> recordsByCategory,
    String reason,
    Frontier frontier) {

  private static final int FIRST_ANOMALIES_SHOWN = 5;

  public static CheckResult unknown(String checker, String location, String reason) {
    return new CheckResult(
        checker,
        Verdict.UNKNOWN,
        location,
        "nothing read",
        0,
        0,
        0,
        List.of(),
        List.of(),
        Map.of(),
        Map.of(),
        reason,
        Frontier.empty());
  }

  /** Why output could not be read, on one line: our own messages as they are, others typed. */
  static String describe(Exception e) {
    String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
    if (e.getClass() == java.io.IOException.class && !message.isEmpty()) {
      return message;
    }
    return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }

  public boolean has(AnomalyCategory category) {
    return rangesByCategory.getOrDefault(category, 0L) > 0;
  }

  public List<Anomaly> anomaliesOf(AnomalyCategory category) {
    return anomalies.stream().filter(a -> a.category() == category).toList();
  }

  public long anomalyRanges() {
    return rangesByCategory.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The anomaly counts by category: "lost 3 records in 1 range, stalled 2 keys". Ranges are merged
   * per key, so one state reset over 1 500 seqs counts as one range.
   */
  public String counts() {
    return rangesByCategory.entrySet().stream()
        .map(
            e ->
                e.getKey() == AnomalyCategory.STALLED
                    ? e.getKey().label()
                        + " "
                        + e.getValue()
                        + (e.getValue() == 1 ? " key" : " keys")
                    : e.getKey().label()
                        + " "
                        + recordsByCategory.get(e.getKey())
                        + " records in "
                        + e.getValue()
                        + (e.getValue() == 1 ? " range" : " ranges"))
        .collect(Collectors.joining(", "));
  }

  public String summary() {
    StringBuilder line = new StringBuilder();
    line.append(checker).append(": ").append(verdict);
    if (verdict == Verdict.UNKNOWN) {
      return line.append(" (").append(reason).append(") at ").append(location).toString();
    }
    line.append(" - ").append(volume);
    if (!versions.isEmpty()) {
      line.append(", versions ").append(String.join("/", versions));
    }
    if (verdict == Verdict.INVALID) {
      line.append("; ")
          .append(counts())
          .append("; first: ")
          .append(
              anomalies.stream()
                  .limit(FIRST_ANOMALIES_SHOWN)
                  .map(Anomaly::toString)
                  .collect(Collectors.joining("; ")));
      if (anomalyRanges() > FIRST_ANOMALIES_SHOWN) {
        line.append("; ").append(anomalyRanges() - FIRST_ANOMALIES_SHOWN).append(" more");
      }
    }
    return line.append(" at ").append(location).toString();
  }
}
