package io.flinkchaos.harness.upgrade;

import io.flinkchaos.harness.flink.CheckpointObservation;
import io.flinkchaos.harness.flink.FlinkRestClient;
import io.flinkchaos.harness.flink.FlinkRestException;
import io.flinkchaos.harness.flink.JobObservation;
import io.flinkchaos.harness.flink.SnapshotRef;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.JobStatus;

/**
 * Upgrades, suspends and resumes a session job over Flink's REST API with the Flink Kubernetes
 * Operator's FlinkSessionJob semantics (observe → validate → act):
 *
 * <ul>
 *   <li>stateless: cancel (errors ignored), submit fresh;
 *   <li>savepoint: stop-with-savepoint without drain, submit from it; if the job is not running,
 *       fall back to last-state, as the operator does by default;
 *   <li>last-state: cancel, read the latest completed checkpoint over REST, submit from it.
 * </ul>
 */
public final class RestSessionJobUpgrades {

  static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final FlinkCluster cluster;

  public RestSessionJobUpgrades(FlinkCluster cluster) {
    this.cluster = cluster;
  }

  public UpgradeOutcome upgrade(DeployedJob current, JobSpec next, UpgradeMode mode) {
    Instant started = Instant.now();
    Snapshot snapshot = stop(current, mode);
    DeployedJob job = cluster.deploy(next, snapshot.path());
    return new UpgradeOutcome(
        mode, snapshot.applied(), job, snapshot.kind(), snapshot.path(), started, Instant.now());
  }

  public UpgradeOutcome suspend(DeployedJob current, UpgradeMode mode) {
    Instant started = Instant.now();
    Snapshot snapshot = stop(current, mode);
    return new UpgradeOutcome(
        mode, snapshot.applied(), null, snapshot.kind(), snapshot.path(), started, Instant.now());
  }

  public DeployedJob resume(UpgradeOutcome suspension, JobSpec spec) {
    return cluster.deploy(spec, suspension.snapshotPath());
  }

  private record Snapshot(UpgradeMode applied, SnapshotKind kind, String path) {}

  private Snapshot stop(DeployedJob current, UpgradeMode mode) {
    FlinkRestClient rest = cluster.rest();
    return switch (mode) {
      case STATELESS -> {
        cancelIgnoringErrors(current);
        yield new Snapshot(UpgradeMode.STATELESS, SnapshotKind.NONE, null);
      }
      case SAVEPOINT -> {
        JobObservation observed = rest.job(current.jobId());
        if (observed.status() != JobStatus.RUNNING) {
          yield lastState(current);
        }
        String path =
            rest.stopWithSavepoint(
                current.jobId(), cluster.storage().savepoints().toString(), STOP_TIMEOUT);
        awaitTerminal(current);
        yield new Snapshot(UpgradeMode.SAVEPOINT, SnapshotKind.SAVEPOINT, restorable(path));
      }
      case LAST_STATE -> lastState(current);
    };
  }

  private Snapshot lastState(DeployedJob current) {
    cluster.cancel(current);
    CheckpointObservation checkpoints = cluster.rest().checkpoints(current.jobId());
    SnapshotRef latest =
        checkpoints
            .lastCompleted()
            .orElseThrow(
                () ->
                    new UpgradeException(
                        "last-state upgrade of job "
                            + current.jobId()
                            + " impossible: it has no completed checkpoint ("
                            + checkpoints
                            + "); wait for a checkpoint or use the savepoint mode"));
    if (latest.externalPath() == null) {
      throw new UpgradeException(
          "last-state upgrade of job "
              + current.jobId()
              + " impossible: checkpoint "
              + latest.id()
              + " is not externalized; set execution.checkpointing.dir");
    }
    return new Snapshot(
        UpgradeMode.LAST_STATE, SnapshotKind.CHECKPOINT, restorable(latest.externalPath()));
  }

  private void cancelIgnoringErrors(DeployedJob current) {
    try {
      cluster.cancel(current);
    } catch (FlinkRestException e) {
      // the operator ignores cancel errors in stateless upgrades; the new job starts regardless
    }
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
