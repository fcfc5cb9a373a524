package io.flinkchaos.harness.platform.rest;

import io.flinkchaos.harness.flink.CheckpointObservation;
import io.flinkchaos.harness.flink.FlinkRestException;
import io.flinkchaos.harness.flink.JobObservation;
import io.flinkchaos.harness.flink.SnapshotRef;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.JobLifecycle;
import io.flinkchaos.harness.upgrade.RestoreRefusedException;
import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeException;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import io.flinkchaos.harness.wait.WaitTimeoutException;
import io.flinkchaos.harness.wait.Waits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.state.memory.NonPersistentMetadataCheckpointStorageLocation;

/**
 * Upgrades, suspends and resumes a session job over Flink's REST API with the Flink Kubernetes
 * Operator's FlinkSessionJob semantics (observe → validate → act): what a team's pipeline does
 * where no operator runs, shared by the local platform and standalone Flink on Kubernetes:
 *
 * <ul>
 *   <li>stateless: cancel, submit fresh. An unknown or already ended job is fine; a cancel that
 *       fails or does not stop the job fails the upgrade, so v2 never runs next to v1;
 *   <li>savepoint: stop-with-savepoint without drain, submit from it. A failed savepoint is retried
 *       while the job runs; a job that is not running falls back to last-state, as the operator
 *       does by default ({@code last-state-fallback.enabled});
 *   <li>last-state: cancel (confirmed: the job globally terminal), read the latest completed
 *       checkpoint over REST, submit from it.
 * </ul>
 *
 * <p>A new job Flink refuses to start from the snapshot (state of an operator it does not have,
 * without allowNonRestoredState) is a {@link RestoreRefusedException}, said at once, not a wait
 * that times out.
 */
public final class RestJobLifecycle implements JobLifecycle {

  static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  static final int SAVEPOINT_ATTEMPTS = 3;

  /** Longer than the heartbeat timeout: a lost TaskManager has surely been noticed by then. */
  static final Duration FAILOVER_NOTICE_TIME = Duration.ofSeconds(10);

  private final FlinkCluster cluster;
  private final Clock clock;
  private final Duration failoverNoticeTime;

  public RestJobLifecycle(FlinkCluster cluster) {
    this(cluster, Clock.systemUTC(), FAILOVER_NOTICE_TIME);
  }

  /**
   * @param clock read for trigger times, compared with the restore times Flink reports
   * @param failoverNoticeTime how long a failed savepoint's job must run undisturbed to be retried
   */
  RestJobLifecycle(FlinkCluster cluster, Clock clock, Duration failoverNoticeTime) {
    this.cluster = cluster;
    this.clock = clock;
    this.failoverNoticeTime = failoverNoticeTime;
  }

  /**
   * @param whileSnapshotting runs while the old job is being stopped: right after Flink accepted
   *     the stop-with-savepoint (savepoint mode), or just before the cancel (other modes)
   */
  @Override
  public UpgradeOutcome upgrade(
      DeployedJob current, JobSpec next, UpgradeMode mode, Runnable whileSnapshotting) {
    Instant started = clock.instant();
    Snapshot snapshot = stop(current, mode, whileSnapshotting);
    DeployedJob job;
    try {
      job = cluster.deploy(next, snapshot.path());
    } catch (FlinkRestException e) {
      UpgradeOutcome stopped = outcome(mode, snapshot, null, started);
      throw RestoreRefusedException.in(e.getMessage(), next.toString(), stopped)
          .<RuntimeException>map(refused -> refused)
          .orElse(e);
    }
    return outcome(mode, snapshot, job, started);
  }

  @Override
  public UpgradeOutcome suspend(DeployedJob current, UpgradeMode mode) {
    Instant started = clock.instant();
    Snapshot snapshot = stop(current, mode, () -> {});
    return outcome(mode, snapshot, null, started);
  }

  @Override
  public DeployedJob resume(UpgradeOutcome suspension, JobSpec spec) {
    return cluster.deploy(spec, suspension.snapshotPath());
  }

  /** What an upgrade or suspend did, ending now; {@code job} null when no new job runs. */
  private UpgradeOutcome outcome(
      UpgradeMode mode, Snapshot snapshot, DeployedJob job, Instant started) {
    return new UpgradeOutcome(
        mode,
        snapshot.applied(),
        job,
        snapshot.kind(),
        snapshot.path(),
        snapshot.failures(),
        started,
        clock.instant());
  }

  private record Snapshot(
      UpgradeMode applied, SnapshotKind kind, String path, List<String> failures) {}

  private Snapshot stop(DeployedJob current, UpgradeMode mode, Runnable whileSnapshotting) {
    return switch (mode) {
      case STATELESS -> {
        whileSnapshotting.run();
        cluster.cancel(current);
        yield new Snapshot(UpgradeMode.STATELESS, SnapshotKind.NONE, null, List.of());
      }
      case SAVEPOINT -> savepoint(current, whileSnapshotting);
      case LAST_STATE -> {
        whileSnapshotting.run();
        yield lastState(current, List.of());
      }
    };
  }

  private Snapshot savepoint(DeployedJob current, Runnable whileSnapshotting) {
    List<String> failures = new ArrayList<>();
    Runnable hook = whileSnapshotting;
    for (int attempt = 1; attempt <= SAVEPOINT_ATTEMPTS; attempt++) {
      JobObservation observed = cluster.rest().job(current.jobId());
      if (observed.status() != JobStatus.RUNNING) {
        failures.add("job " + observed.status() + " before savepoint attempt " + attempt);
        return lastState(current, failures);
      }
      Instant triggered = clock.instant();
      try {
        String path =
            cluster
                .rest()
                .stopWithSavepoint(
                    current.jobId(), cluster.storage().savepoints().toString(), STOP_TIMEOUT, hook);
        awaitTerminal(current);
        return new Snapshot(
            UpgradeMode.SAVEPOINT, SnapshotKind.SAVEPOINT, restorable(path), failures);
      } catch (FlinkRestException e) {
        failures.add("savepoint attempt " + attempt + " failed: " + firstLine(e.getMessage()));
        hook = () -> {};
        if (!keptRunningAfter(current, triggered)) {
          failures.add("job failed over after savepoint attempt " + attempt);
          return lastState(current, failures);
        }
      }
    }
    throw new UpgradeException(
        "savepoint upgrade of job "
            + current.jobId()
            + " failed "
            + SAVEPOINT_ATTEMPTS
            + " times while the job kept running: "
            + String.join("; ", failures)
            + "; check the JobManager log, or use upgrade mode last-state");
  }

  /**
   * After a failed savepoint: true if the job kept running undisturbed for a heartbeat timeout
   * (retry the savepoint), false if it left RUNNING or restored in the meantime (it failed over:
   * the operator then treats the job as not running and falls back to last-state).
   */
  private boolean keptRunningAfter(DeployedJob current, Instant failedAttemptStart) {
    try {
      Waits.until(
          "job " + current.jobId() + " to fail over after a failed savepoint",
          failoverNoticeTime,
          () -> cluster.rest().checkpoints(current.jobId()),
          checkpoints ->
              checkpoints
                      .lastRestored()
                      .filter(r -> r.timestamp() >= failedAttemptStart.toEpochMilli())
                      .isPresent()
                  || cluster.rest().job(current.jobId()).status() != JobStatus.RUNNING);
      return false;
    } catch (WaitTimeoutException e) {
      return true;
    }
  }

  private static String firstLine(String message) {
    int newline = message == null ? -1 : message.indexOf('\n');
    return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
  }

  private Snapshot lastState(DeployedJob current, List<String> failures) {
    // Validate before acting: without a restorable snapshot the cancel would leave no job at all.
    latestRestorable(current, cluster.rest().checkpoints(current.jobId()));
    cluster.cancel(current);
    CheckpointObservation checkpoints = cluster.rest().checkpoints(current.jobId());
    SnapshotRef latest = latestRestorable(current, checkpoints);
    return new Snapshot(
        UpgradeMode.LAST_STATE,
        latest == checkpoints.latestSavepoint() ? SnapshotKind.SAVEPOINT : SnapshotKind.CHECKPOINT,
        restorable(latest.externalPath()),
        List.copyOf(failures));
  }

  private static SnapshotRef latestRestorable(
      DeployedJob current, CheckpointObservation checkpoints) {
    // A stop-with-savepoint can complete (and its committers commit) before a TaskManager loss
    // fails the job: restoring the older checkpoint would then commit those records again.
    SnapshotRef latest =
        Stream.of(checkpoints.latestCompleted(), checkpoints.latestSavepoint())
            .filter(Objects::nonNull)
            .max(Comparator.comparingLong(SnapshotRef::id))
            .orElseThrow(
                () ->
                    new UpgradeException(
                        "last-state upgrade of job "
                            + current.jobId()
                            + " impossible: it has no completed checkpoint ("
                            + checkpoints
                            + "); wait for a checkpoint or use the savepoint mode"));
    // Flink 1.20 reports this pointer, not null, for a checkpoint kept only in JobManager memory.
    if (latest.externalPath() == null
        || NonPersistentMetadataCheckpointStorageLocation.EXTERNAL_POINTER.equals(
            latest.externalPath())) {
      throw new UpgradeException(
          "last-state upgrade of job "
              + current.jobId()
              + " impossible: checkpoint "
              + latest.id()
              + " is not externalized; set execution.checkpointing.dir");
    }
    return latest;
  }

  private void awaitTerminal(DeployedJob job) {
    Waits.until(
        "job " + job.jobId() + " to stop after its savepoint",
        STOP_TIMEOUT,
        () -> cluster.rest().job(job.jobId()),
        JobObservation::isTerminal);
  }

  /** Where a snapshot is restored from; storages may need the metadata file named explicitly. */
  private String restorable(String path) {
    return cluster.storage().restorePath(path);
  }
}
