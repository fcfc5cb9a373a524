package io.flinkchaos.harness.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads what the job's in-job witness committed: {@code key,fromSeq,toSeq,category} violation
 * lines, and one {@code <subtask>,0,0,witness-started} marker per task attempt. The witness sees
 * records inside the keyed operator, so it is independent of the sink; output without any marker is
 * UNKNOWN (the witness is not wired or has not committed yet), never VALID.
 */
public final class WitnessChecker {

  public static final String NAME = "in-job witness";
  private static final String STARTED = "witness-started";
  private static final int RETAINED_ANOMALIES = 10_000;

  public CheckResult check(CommittedOutput output) {
    List<CommittedFile> files;
    try {
      files = output.committedFiles();
    } catch (IOException | RuntimeException e) {
      return CheckResult.unknown(NAME, output.location(), "cannot list committed files: " + e);
    }
    List<Anomaly> violations = new ArrayList<>();
    long attempts = 0;
    for (CommittedFile file : files) {
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(output.open(file), StandardCharsets.UTF_8))) {
        String line;
        long lineNumber = 0;
        while ((line = reader.readLine()) != null) {
          lineNumber++;
          if (line.endsWith("," + STARTED)) {
            attempts++;
          } else if (!line.isBlank()) {
            violations.add(parse(line, file.path(), lineNumber));
          }
        }
      } catch (IOException | RuntimeException e) {
        return CheckResult.unknown(
            NAME, output.location(), "cannot read " + file.path() + ": " + e);
      }
    }
    if (attempts == 0) {
      return CheckResult.unknown(
          NAME, output.location(), "the in-job witness committed no start marker yet");
    }
    AnomalySink sink = new AnomalySink(RETAINED_ANOMALIES);
    merged(violations).forEach(sink::add);
    List<Anomaly> retained = new ArrayList<>(sink.retained());
    return new CheckResult(
        NAME,
        retained.isEmpty() ? Verdict.VALID : Verdict.INVALID,
        output.location(),
        violations.size()
            + " violations seen inside the job over "
            + attempts
            + " task attempts, "
            + files.size()
            + " committed files",
        files.size(),
        violations.size(),
        retained.stream().mapToLong(Anomaly::key).distinct().count(),
        List.of(),
        retained,
        sink.rangesByCategory(),
        sink.recordsByCategory(),
        "");
  }

  private static Anomaly parse(String line, String file, long lineNumber) {
    String[] fields = line.split(",");
    try {
      AnomalyCategory category =
          switch (fields[3]) {
            case "lost" -> AnomalyCategory.LOST;
            case "duplicated" -> AnomalyCategory.DUPLICATED;
            case "state-reset" -> AnomalyCategory.STATE_RESET;
            default -> throw new IllegalArgumentException("unknown category " + fields[3]);
          };
      long from = Long.parseLong(fields[1]);
      long to = Long.parseLong(fields[2]);
      return new Anomaly(category, Long.parseLong(fields[0]), from, to, to - from + 1, "");
    } catch (RuntimeException e) {
      return new Anomaly(
          AnomalyCategory.UNEXPECTED,
          -1,
          lineNumber,
          lineNumber,
          1,
          "unreadable witness line " + lineNumber + " of " + file + ": '" + line + "'");
    }
  }

  /** Per key and category, adjacent or overlapping seq ranges become one. */
  private static List<Anomaly> merged(List<Anomaly> violations) {
    violations.sort(
        Comparator.comparing(Anomaly::category)
            .thenComparingLong(Anomaly::key)
            .thenComparingLong(Anomaly::firstSeq));
    List<Anomaly> merged = new ArrayList<>();
    for (Anomaly next : violations) {
      Anomaly last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null
          && last.category() == next.category()
          && last.key() == next.key()
          && next.firstSeq() <= last.lastSeq() + 1
          && next.category() != AnomalyCategory.UNEXPECTED) {
        merged.set(
            merged.size() - 1,
            new Anomaly(
                last.category(),
                last.key(),
                last.firstSeq(),
                Math.max(last.lastSeq(), next.lastSeq()),
                last.records() + next.records(),
                last.detail()));
      } else {
        merged.add(next);
      }
    }
    return merged;
  }
}
