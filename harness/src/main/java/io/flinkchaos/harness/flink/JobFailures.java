package io.flinkchaos.harness.flink;

import java.time.Instant;
import java.util.List;

/**
 * A job's failures so far, from its exception history: one per restart (or the final failure).
 *
 * @param count entries in the history (a lower bound when {@code truncated})
 * @param truncated Flink kept or reported only the newest entries
 * @param latest the newest root exception on one line ("headline Caused by: cause"), or null
 * @param entries the history's entries, newest first
 */
public record JobFailures(int count, boolean truncated, String latest, List<JobFailure> entries) {

  /** Not observed (no restart budget to check, and the job did not fail). */
  public static final JobFailures NOT_OBSERVED = new JobFailures(0, false, null, List.of());

  public JobFailures {
    entries = List.copyOf(entries);
  }

  /** The failures Flink recorded at or after {@code since}, newest first. */
  public List<JobFailure> since(Instant since) {
    return entries.stream().filter(f -> !f.at().isBefore(since)).toList();
  }

  @Override
  public String toString() {
    if (this == NOT_OBSERVED) {
      return "failures not observed";
    }
    return count
        + (truncated ? "+" : "")
        + " failure(s)"
        + (latest == null ? "" : ", latest: " + latest);
  }
}
