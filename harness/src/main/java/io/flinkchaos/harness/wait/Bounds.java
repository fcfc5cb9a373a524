package io.flinkchaos.harness.wait;

import java.time.Duration;

/**
 * How long the harness waits for what it awaits, in one place: every step, fault and REST helper
 * takes its bound from here. The bounds are generous because the suite runs on loaded 2-core
 * machines; a wait that needs longer has found a problem, and says what it saw last (see {@link
 * Waits}).
 */
public final class Bounds {

  /** A deployed, upgraded or resumed job until all its vertices run. */
  public static final Duration DEPLOY = Duration.ofSeconds(60);

  /** A job after a fault until it has restored and all its vertices run again. */
  public static final Duration RESTORE = Duration.ofSeconds(90);

  /** What {@link #checkpoints} allows before the first checkpoint. */
  public static final Duration CHECKPOINTS_BASE = Duration.ofSeconds(30);

  /** What {@link #checkpoints} allows for each checkpoint. */
  public static final Duration PER_CHECKPOINT = Duration.ofSeconds(5);

  /**
   * How much longer than a bound a step asserts itself it keeps waiting: an event that came late is
   * then measured and reported against the bound instead of timing out the wait, and one that
   * Flink's REST API reports a little after it happened is still seen.
   */
  public static final Duration SIGHTING_SLACK = Duration.ofSeconds(30);

  /** A restored job until Flink's checkpoint statistics name the snapshot it restored. */
  public static final Duration RESTORED_SNAPSHOT_REPORT = Duration.ofSeconds(30);

  /** A triggered savepoint until Flink lists it IN_PROGRESS in its checkpoint statistics. */
  public static final Duration SAVEPOINT_SIGHTING = Duration.ofSeconds(10);

  /**
   * What {@link #recordsCommitted} allows before a running job's records are first committed (by a
   * checkpoint), before counting the time to emit them.
   */
  public static final Duration FIRST_COMMIT = Duration.ofSeconds(60);

  /** A killed JobManager until the harness sees its replacement process start. */
  public static final Duration JOB_MANAGER_START = Duration.ofSeconds(60);

  /** A kill the harness carried out until its own process events record it. */
  public static final Duration KILL_RECORDED = Duration.ofSeconds(5);

  /**
   * The observation of the cluster right before a fault (job state, checkpoint statistics): a
   * JobManager that does not answer within it gives an unknown landing, never a failed fault.
   */
  public static final Duration LANDING_OBSERVATION = Duration.ofSeconds(2);

  /** A cancelled job until Flink reports it globally terminal. */
  public static final Duration JOB_CANCEL = Duration.ofSeconds(30);

  /** The poll of a moment that lasts tens of milliseconds: a savepoint, a process start. */
  public static final Duration FAST_POLL = Duration.ofMillis(20);

  /** The poll for the next checkpoint, fast enough that "right after it" is tens of ms after it. */
  public static final Duration CHECKPOINT_POLL = Duration.ofMillis(100);

  private Bounds() {}

  /** Time allowed for {@code count} more checkpoints: 30 s and 5 s per checkpoint. */
  public static Duration checkpoints(int count) {
    return CHECKPOINTS_BASE.plus(PER_CHECKPOINT.multipliedBy(count));
  }

  /** The wait for an event a step asserts within {@code claimed}: {@link #SIGHTING_SLACK} more. */
  public static Duration withSightingSlack(Duration claimed) {
    return claimed.plus(SIGHTING_SLACK);
  }

  /** Time allowed for records to be committed that the job emits in {@code emitting}. */
  public static Duration recordsCommitted(Duration emitting) {
    return FIRST_COMMIT.plus(emitting);
  }
}
