package io.flinkchaos.harness.job;

import java.time.Duration;
import java.util.Optional;

/** How fast a job emits records, as its {@code --rate} program argument says. */
public record JobRate(double recordsPerSecond) {

  /** The job's rate; empty for a job without a numeric {@code --rate} (e.g. a user's own job). */
  public static Optional<JobRate> of(JobSpec spec) {
    return spec.argument("rate").flatMap(JobRate::parse);
  }

  private static Optional<JobRate> parse(String text) {
    try {
      double rate = Double.parseDouble(text);
      return Double.isNaN(rate) ? Optional.empty() : Optional.of(new JobRate(rate));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The time the job needs to emit {@code records}, in whole seconds, at 1 record/s or more. */
  public Duration timeToEmit(long records) {
    return Duration.ofSeconds(records / Math.max(1, (long) recordsPerSecond));
  }
}
