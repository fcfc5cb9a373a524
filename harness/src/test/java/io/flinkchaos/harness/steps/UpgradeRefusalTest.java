package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.flinkchaos.harness.flink.TestingFlinkRest;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.JobVariant;
import io.flinkchaos.harness.platform.JobLifecycle;
import io.flinkchaos.harness.platform.TestingFlinkCluster;
import io.flinkchaos.harness.upgrade.RestoreRefusedException;
import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import io.flinkchaos.harness.wait.UnexpectedStateException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A platform that submits the new job without waiting for its initialization (the operator, for
 * one): Flink's refusal then arrives as the new job's root exception, and the upgrade step says it
 * is a refusal instead of a failed wait. A fake lifecycle stands in for the platform.
 */
class UpgradeRefusalTest {

  private static final String SAVEPOINT = "file:/testing-flink/savepoints/savepoint-0a0b0c-1";

  /** A job that failed during initialization, as Flink 1.20.3's exception history holds it. */
  private static final String REFUSED =
      "org.apache.flink.runtime.client.JobInitializationException: Could not start the"
          + " JobMaster.\n\tat org.apache.flink.runtime.jobmaster.DefaultJobMasterServiceProcess\n"
          + "Caused by: java.lang.IllegalStateException: Failed to rollback to checkpoint/savepoint "
          + SAVEPOINT
          + ". Cannot map checkpoint/savepoint state for operator"
          + " 55785f9edccd37ac9093dea77018f09d to the new program, because the operator is not"
          + " available in the new program. If you want to allow to skip this, you can set the"
          + " --allowNonRestoredState option on the CLI.\n\tat"
          + " org.apache.flink.runtime.checkpoint.Checkpoints.throwNonRestoredStateException";

  private final TestingFlinkCluster cluster = new TestingFlinkCluster(2, Clock.systemUTC());
  private final TestingFlinkRest flink = cluster.rest();
  private final ScenarioContext context = new ScenarioContext();
  private final UpgradeSteps steps = new UpgradeSteps(context);

  UpgradeRefusalTest() {
    context.useCluster(cluster);
    DeployedJob v1 = cluster.deploy(TestingFlinkCluster.sequenceJob(), null);
    context.useJob(v1);
    flink.placeSubtasks(v1.jobId(), 1, 2);
    flink.completeCheckpoint(v1.jobId());
  }

  /** Fake: the new job is accepted, then fails with {@code stackTrace} before it runs. */
  private void newJobFailsWith(String stackTrace) {
    cluster.useJobs(
        new JobLifecycle() {
          @Override
          public UpgradeOutcome upgrade(
              DeployedJob current, JobSpec next, UpgradeMode mode, Runnable hook) {
            Instant start = Instant.now();
            DeployedJob job = cluster.deploy(next, null);
            flink.jobFails(job.jobId(), stackTrace);
            return new UpgradeOutcome(
                mode,
                mode,
                job,
                SnapshotKind.SAVEPOINT,
                SAVEPOINT,
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
  }

  @Test
  void aNewJobThatFailedOnFlinksRefusalIsARefusedUpgrade() {
    newJobFailsWith(REFUSED);

    Throwable thrown = catchThrowable(() -> steps.upgradedTo(JobVariant.V2, UpgradeMode.SAVEPOINT));

    assertThat(thrown).isInstanceOf(RestoreRefusedException.class);
    RestoreRefusedException refused = (RestoreRefusedException) thrown;
    assertThat(refused.operatorId()).isEqualTo("55785f9edccd37ac9093dea77018f09d");
    assertThat(refused.snapshotPath()).isEqualTo(SAVEPOINT);
  }

  @Test
  void aNewJobThatFailedOtherwiseStaysAFailedWait() {
    newJobFailsWith("java.lang.RuntimeException: boom\n\tat com.example.Job.map");

    Throwable thrown = catchThrowable(() -> steps.upgradedTo(JobVariant.V2, UpgradeMode.SAVEPOINT));

    assertThat(thrown)
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("FAILED")
        .hasMessageContaining("boom");
  }
}
