package io.flinkchaos.harness.flink;

/**
 * A job's failures so far, from its exception history: one per restart (or the final failure).
 *
 * @param count entries in the history (a lower bound when {@code truncated})
 * @param truncated Flink kept or reported only the newest entries
 * @param latest the newest root exception on one line ("headline Caused by: cause"), or null
 */
public record JobFailures(int count, boolean truncated, String latest) {

  /** Not observed (no restart budget to check, and the job did not fail). */
  public static final JobFailures NOT_OBSERVED = new JobFailures(0, false, null);

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
