package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.flink.JobSubmission;
import io.flinkchaos.harness.flink.SnapshotPaths;
import io.flinkchaos.harness.flink.TestingFlinkRest;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.JobVariant;
import io.flinkchaos.harness.platform.JobLifecycle;
import io.flinkchaos.harness.platform.TestingFlinkCluster;
import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;

/**
 * "the job restored from the checkpoint taken by the upgrade" when the operator names no path: an
 * application cluster's last-state upgrade through its HA metadata reports {@link
 * SnapshotPaths#LATEST_IN_HA}. Fake lifecycles stand in for the operator.
 */
class UpgradeRestoreCheckTest {

  private final TestingFlinkCluster cluster = new TestingFlinkCluster(2, Clock.systemUTC());
  private final TestingFlinkRest flink = cluster.rest();
  private final ScenarioContext context = new ScenarioContext();
  private final UpgradeSteps steps = new UpgradeSteps(context);
  private final DeployedJob v1;

  UpgradeRestoreCheckTest() {
    context.useCluster(cluster);
    v1 = cluster.deploy(TestingFlinkCluster.sequenceJob(), null);
    context.useJob(v1);
    flink.placeSubtasks(v1.jobId(), 1, 2);
    for (int i = 0; i < 3; i++) {
      flink.completeCheckpoint(v1.jobId());
    }
  }

  /** Fake: upgrades as {@code restart} does, reporting the operator's HA marker. */
  private void upgradeThrough(BiFunction<DeployedJob, JobSpec, DeployedJob> restart) {
    cluster.useJobs(
        new JobLifecycle() {
          @Override
          public UpgradeOutcome upgrade(
              DeployedJob current, JobSpec next, UpgradeMode mode, Runnable hook) {
            hook.run();
            Instant start = Instant.now();
            return new UpgradeOutcome(
                mode,
                UpgradeMode.LAST_STATE,
                restart.apply(current, next),
                SnapshotKind.CHECKPOINT,
                SnapshotPaths.LATEST_IN_HA,
                List.of(),
                start,
                Instant.now());
          }

          @Override
          public UpgradeOutcome suspend(DeployedJob current, UpgradeMode mode) {
            throw new UnsupportedOperationException();
          }

          @Override
          public DeployedJob resume(UpgradeOutcome suspension, JobSpec spec) {
            throw new UnsupportedOperationException();
          }
        });
    steps.upgradedTo(JobVariant.V2, UpgradeMode.LAST_STATE);
  }

  @Test
  void theSameJobRestoringItsLatestCheckpointPasses() {
    upgradeThrough(
        (current, next) -> {
          flink.recover(current.jobId()); // a new JobManager recovers the job from HA
          return new DeployedJob(current.jobId(), next, Instant.now(), null);
        });

    steps.restoredFromTheUpgradeSnapshot(SnapshotKind.CHECKPOINT);
  }

  @Test
  void anotherJobStartedFromAnOlderCheckpointIsCaught() {
    String checkpoint1 = flink.checkpoints(v1.jobId()).lastCompleted().orElseThrow().externalPath();
    String older = checkpoint1.replaceAll("chk-\\d+$", "chk-1");
    upgradeThrough(
        (current, next) -> {
          JobID restarted =
              flink.runJar(
                  flink.uploadJar(next.jar()),
                  new JobSubmission(
                      next.entryClass(),
                      next.args(),
                      next.parallelism(),
                      older,
                      false,
                      java.util.Map.of()));
          return new DeployedJob(restarted, next, Instant.now(), older);
        });

    assertThatThrownBy(() -> steps.restoredFromTheUpgradeSnapshot(SnapshotKind.CHECKPOINT))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("is a checkpoint of job");
  }
}
