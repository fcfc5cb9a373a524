package io.flinkchaos.harness.flink;

import java.time.Instant;

/**
 * One entry of a job's exception history: when Flink recorded the failure, the TaskManager it names
 * (its resource id, null when none), and the root exception's stack trace as Flink reports it.
 */
public record JobFailure(Instant at, String taskManagerId, String stackTrace) {

  /** Whether the stack trace contains {@code text}, ignoring case. */
  public boolean mentions(String text) {
    return stackTrace != null
        && stackTrace
            .toLowerCase(java.util.Locale.ROOT)
            .contains(text.toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public String toString() {
    return at
        + (taskManagerId == null ? "" : " on " + taskManagerId)
        + ": "
        + FlinkErrorText.summarize(stackTrace);
  }
}
