package io.flinkchaos.harness.steps;

import io.flinkchaos.harness.job.JobRate;
import io.flinkchaos.harness.job.JobSpec;
import java.time.Duration;

/**
 * How many checkpoints to wait before a liveness verdict, so that every key receives records
 * meanwhile at the job's rate: a key that got no record could not have moved past its frontier, and
 * would be reported stalled by a wait too short, not by the job.
 */
record ProgressWait(double recordsPerSecond, int keys, Duration checkpointInterval) {

  /** Records each key must receive meanwhile, on average, before it counts as stalled. */
  static final int RECORDS_PER_KEY = 5;

  /** Checkpoints to wait when the job's rate is unknown (a user's own job). */
  static final int UNKNOWN_RATE_CHECKPOINTS = 3;

  static ProgressWait of(JobSpec spec, int keys) {
    double rate = JobRate.of(spec).map(JobRate::recordsPerSecond).orElse(Double.NaN);
    return new ProgressWait(rate, keys, spec.checkpointInterval().orElse(Duration.ZERO));
  }

  /**
   * At least {@code requested}; more if the rate leaves a key fewer than {@link #RECORDS_PER_KEY}
   * records over them. One more, because the first checkpoint after the baseline covers only part
   * of an interval.
   */
  int checkpoints(int requested) {
    if (Double.isNaN(recordsPerSecond) || keys <= 0 || checkpointInterval.isZero()) {
      return Math.max(requested, UNKNOWN_RATE_CHECKPOINTS);
    }
    double perKeyPerCheckpoint = recordsPerSecond * checkpointInterval.toMillis() / 1000.0 / keys;
    int needed = (int) Math.ceil(RECORDS_PER_KEY / perKeyPerCheckpoint) + 1;
    return Math.max(requested, needed);
  }
}
