package io.flinkchaos.harness.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flinkchaos.harness.flink.InProgressSnapshot;
import io.flinkchaos.harness.flink.JobCancelException;
import io.flinkchaos.harness.flink.TestingFlinkRest;
import io.flinkchaos.harness.flink.TickingClock;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.TestingFlinkCluster;
import io.flinkchaos.harness.upgrade.RestoreRefusedException;
import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeException;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

/** {@link RestJobLifecycle} over the fake {@link TestingFlinkCluster}. */
class RestJobLifecycleTest {

  /** Short, so that a savepoint retry does not wait out the real 10 s. */
  private static final Duration FAILOVER_NOTICE = Duration.ofMillis(300);

  private static final String SAVEPOINTS = "file:/testing-flink/savepoints/savepoint-";

  private final TickingClock clock = new TickingClock();
  private final TestingFlinkCluster cluster = new TestingFlinkCluster(2, clock);
  private final TestingFlinkRest flink = cluster.rest();
  private final RestJobLifecycle lifecycle = new RestJobLifecycle(cluster, clock, FAILOVER_NOTICE);
  private final DeployedJob v1 = cluster.deploy(spec("v1"), null);

  private static JobSpec spec(String version) {
    return new JobSpec(
        "sequence",
        version,
        Path.of("sequence.jar"),
        "io.flinkchaos.jobs.Sequence",
        List.of(),
        2,
        Map.of(),
        false,
        null);
  }

  private TestingFlinkRest.Submitted lastSubmitted() {
    List<TestingFlinkRest.Submitted> submitted = flink.submitted();
    return submitted.get(submitted.size() - 1);
  }

  @Test
  void statelessCancelsAndStartsTheNewVersionFresh() {
    flink.completeCheckpoint(v1.jobId());

    UpgradeOutcome outcome = lifecycle.upgrade(v1, spec("v2"), UpgradeMode.STATELESS);

    assertThat(outcome.applied()).isEqualTo(UpgradeMode.STATELESS);
    assertThat(outcome.snapshotKind()).isEqualTo(SnapshotKind.NONE);
    assertThat(outcome.snapshotPath()).isNull();
    assertThat(outcome.job().restorePath()).isNull();
    assertThat(flink.status(v1.jobId())).isEqualTo(JobStatus.CANCELED);
    assertThat(lastSubmitted().submission().savepointPath()).isNull();
    assertThat(lastSubmitted().runningBeside()).isEmpty();
  }

  @Test
  void savepointStopsWithASavepointAndStartsTheNewVersionFromIt() {
    flink.completeCheckpoint(v1.jobId());

    UpgradeOutcome outcome = lifecycle.upgrade(v1, spec("v2"), UpgradeMode.SAVEPOINT);

    assertThat(outcome.applied()).isEqualTo(UpgradeMode.SAVEPOINT);
    assertThat(outcome.snapshotKind()).isEqualTo(SnapshotKind.SAVEPOINT);
    assertThat(outcome.snapshotPath())
        .startsWith(SAVEPOINTS + v1.jobId().toString().substring(0, 6));
    assertThat(outcome.job().restorePath()).isEqualTo(outcome.snapshotPath());
    assertThat(outcome.failedAttempts()).isEmpty();
    assertThat(flink.status(v1.jobId())).isEqualTo(JobStatus.FINISHED);
    assertThat(lastSubmitted().submission().savepointPath()).isEqualTo(outcome.snapshotPath());
    assertThat(lastSubmitted().runningBeside()).isEmpty();
    assertThat(flink.checkpoints(outcome.job().jobId()).lastRestored().orElseThrow().id())
        .isEqualTo(2);
  }

  @Test
  void lastStateCancelsAndStartsTheNewVersionFromTheLatestCheckpoint() {
    flink.completeCheckpoint(v1.jobId());
    flink.completeCheckpoint(v1.jobId());

    UpgradeOutcome outcome = lifecycle.upgrade(v1, spec("v2"), UpgradeMode.LAST_STATE);

    assertThat(outcome.applied()).isEqualTo(UpgradeMode.LAST_STATE);
    assertThat(outcome.snapshotKind()).isEqualTo(SnapshotKind.CHECKPOINT);
    assertThat(outcome.snapshotPath())
        .isEqualTo("file:/testing-flink/checkpoints/" + v1.jobId() + "/chk-2");
    assertThat(outcome.job().restorePath()).isEqualTo(outcome.snapshotPath());
    assertThat(flink.status(v1.jobId())).isEqualTo(JobStatus.CANCELED);
    assertThat(flink.savepoints().requested()).isZero();
    assertThat(lastSubmitted().runningBeside()).isEmpty();
  }

  @Test
  void aFailedSavepointIsRetriedWhileTheJobKeepsRunningAndTheOutcomeListsTheFailures() {
    flink.savepoints().failNext(2);

    UpgradeOutcome outcome = lifecycle.upgrade(v1, spec("v2"), UpgradeMode.SAVEPOINT);

    assertThat(outcome.applied()).isEqualTo(UpgradeMode.SAVEPOINT);
    assertThat(outcome.snapshotKind()).isEqualTo(SnapshotKind.SAVEPOINT);
    assertThat(flink.savepoints().requested()).isEqualTo(3);
    assertThat(outcome.failedAttempts())
        .hasSize(2)
        .allMatch(failure -> failure.endsWith("Checkpoint expired before completing."));
    assertThat(outcome.failedAttempts().get(0))
        .startsWith("savepoint attempt 1 failed: stop-with-savepoint of job " + v1.jobId());
    assertThat(outcome.failedAttempts().get(1)).startsWith("savepoint attempt 2 failed: ");
  }

  @Test
  void savepointsThatKeepFailingFailTheUpgradeAndLeaveTheOldJobRunning() {
    flink.savepoints().failNext(RestJobLifecycle.SAVEPOINT_ATTEMPTS);

    assertThatThrownBy(() -> lifecycle.upgrade(v1, spec("v2"), UpgradeMode.SAVEPOINT))
        .isInstanceOf(UpgradeException.class)
        .hasMessageStartingWith("savepoint upgrade of job " + v1.jobId() + " failed 3 times")
        .hasMessageEndingWith("check the JobManager log, or use upgrade mode last-state")
        .message()
        .doesNotContain("\n");
    assertThat(flink.status(v1.jobId())).isEqualTo(JobStatus.RUNNING);
    assertThat(flink.submitted()).hasSize(1);
  }

  @Test
  void aJobNotRunningFallsBackToLastStateWithoutASavepoint() {
    flink.completeCheckpoint(v1.jobId());
    flink.jobNotRunning(v1.jobId());

    UpgradeOutcome outcome = lifecycle.upgrade(v1, spec("v2"), UpgradeMode.SAVEPOINT);

    assertThat(outcome.fellBackToLastState()).isTrue();
    assertThat(outcome.snapshotKind()).isEqualTo(SnapshotKind.CHECKPOINT);
    assertThat(outcome.snapshotPath()).endsWith("/chk-1");
    assertThat(outcome.failedAttempts())
        .containsExactly("job RESTARTING before savepoint attempt 1");
    assertThat(flink.savepoints().requested()).isZero();
    assertThat(flink.status(v1.jobId())).isEqualTo(JobStatus.CANCELED);
  }

  @Test
  void aJobThatFailsOverDuringTheSavepointFallsBackToLastStateInsteadOfRetrying() {
    flink.completeCheckpoint(v1.jobId());
    flink.savepoints().jobFailsOverDuringTheNext();

    UpgradeOutcome outcome = lifecycle.upgrade(v1, spec("v2"), UpgradeMode.SAVEPOINT);

    assertThat(outcome.fellBackToLastState()).isTrue();
    assertThat(outcome.snapshotKind()).isEqualTo(SnapshotKind.CHECKPOINT);
    assertThat(outcome.snapshotPath()).endsWith("/chk-1");
    assertThat(outcome.failedAttempts())
        .hasSize(2)
        .last()
        .isEqualTo("job failed over after savepoint attempt 1");
    assertThat(outcome.failedAttempts().get(0)).endsWith("FailoverRegion is restarting.");
    assertThat(flink.savepoints().requested()).isEqualTo(1);
  }

  @Test
  void theFallbackRestoresTheSavepointThatCompletedBeforeTheJobFailedOver() {
    flink.completeCheckpoint(v1.jobId());
    flink.savepoints().jobFailsOverAfterTheNextCompletes();

    UpgradeOutcome outcome = lifecycle.upgrade(v1, spec("v2"), UpgradeMode.SAVEPOINT);

    // the job restored checkpoint 1 after the failover; savepoint 2 is newer and already committed
    assertThat(outcome.fellBackToLastState()).isTrue();
    assertThat(outcome.snapshotKind()).isEqualTo(SnapshotKind.SAVEPOINT);
    assertThat(outcome.snapshotPath()).startsWith(SAVEPOINTS);
    assertThat(outcome.job().restorePath()).isEqualTo(outcome.snapshotPath());
    assertThat(outcome.failedAttempts().get(0)).contains("StopWithSavepointStoppingException");
  }

  @Test
  void aFaultWhileSnapshottingHitsThePendingSavepointAndTheUpgradeFallsBack() {
    flink.completeCheckpoint(v1.jobId());
    List<InProgressSnapshot> pendingAtTheFault = new ArrayList<>();

    UpgradeOutcome outcome =
        lifecycle.upgrade(
            v1,
            spec("v2"),
            UpgradeMode.SAVEPOINT,
            () -> {
              pendingAtTheFault.addAll(flink.checkpointActivity(v1.jobId()).inProgress());
              cluster.processes().killTaskManager(1);
            });

    assertThat(pendingAtTheFault)
        .singleElement()
        .extracting(InProgressSnapshot::kind)
        .isEqualTo(InProgressSnapshot.Kind.SYNC_SAVEPOINT);
    assertThat(cluster.processFaults()).containsExactly("kill TaskManager 1");
    assertThat(outcome.fellBackToLastState()).isTrue();
    assertThat(outcome.snapshotPath()).endsWith("/chk-1");
  }

  @Test
  void aCancelThatFailsFailsTheUpgradeAndTheNewVersionNeverRuns() {
    flink.cancelTimesOut();

    assertThatThrownBy(() -> lifecycle.upgrade(v1, spec("v2"), UpgradeMode.STATELESS))
        .isInstanceOf(JobCancelException.class)
        .hasMessageContaining("cancel of job " + v1.jobId() + " failed")
        .hasMessageContaining("(408): Job cancellation timed out.");
    assertThat(flink.submitted()).hasSize(1);
    assertThat(flink.status(v1.jobId())).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  void aCancelThatDoesNotStopTheJobFailsALastStateUpgradeBeforeTheNewVersionStarts() {
    flink.completeCheckpoint(v1.jobId());
    flink.cancelDoesNotStop();

    assertThatThrownBy(() -> lifecycle.upgrade(v1, spec("v2"), UpgradeMode.LAST_STATE))
        .isInstanceOf(JobCancelException.class)
        .hasMessageContaining("cancel of job " + v1.jobId() + " did not stop it")
        .hasMessageContaining("CANCELLING");
    assertThat(flink.submitted()).hasSize(1);
  }

  @Test
  void lastStateWithoutACompletedCheckpointFailsWithOneActionableLineAndKeepsTheJob() {
    flink.startCheckpoint(v1.jobId());

    assertThatThrownBy(() -> lifecycle.upgrade(v1, spec("v2"), UpgradeMode.LAST_STATE))
        .isInstanceOf(UpgradeException.class)
        .hasMessageStartingWith(
            "last-state upgrade of job "
                + v1.jobId()
                + " impossible: it has no completed checkpoint")
        .hasMessageEndingWith("; wait for a checkpoint or use the savepoint mode")
        .message()
        .doesNotContain("\n");
    assertThat(flink.submitted()).hasSize(1);
    assertThat(flink.status(v1.jobId())).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  void lastStateRefusesACheckpointThatFlinkCannotRestoreFromByPath() {
    flink.checkpointsNotExternallyAddressable();
    flink.completeCheckpoint(v1.jobId());

    assertThatThrownBy(() -> lifecycle.upgrade(v1, spec("v2"), UpgradeMode.LAST_STATE))
        .isInstanceOf(UpgradeException.class)
        .hasMessageContaining("checkpoint 1 is not externalized; set execution.checkpointing.dir");
    assertThat(flink.submitted()).hasSize(1);
  }

  @Test
  void aSuspendedJobResumesFromItsSavepoint() {
    flink.completeCheckpoint(v1.jobId());

    UpgradeOutcome suspension = lifecycle.suspend(v1, UpgradeMode.SAVEPOINT);
    assertThat(suspension.job()).isNull();
    assertThat(suspension.snapshotKind()).isEqualTo(SnapshotKind.SAVEPOINT);
    assertThat(flink.status(v1.jobId())).isEqualTo(JobStatus.FINISHED);
    assertThat(flink.submitted()).hasSize(1);

    DeployedJob resumed = lifecycle.resume(suspension, spec("v1"));

    assertThat(resumed.restorePath()).isEqualTo(suspension.snapshotPath());
    assertThat(flink.status(resumed.jobId())).isEqualTo(JobStatus.RUNNING);
    assertThat(flink.checkpoints(resumed.jobId()).lastRestored().orElseThrow().id()).isEqualTo(2);
  }

  @Test
  void aLastStateSuspensionResumesFromTheLatestCheckpoint() {
    flink.completeCheckpoint(v1.jobId());

    UpgradeOutcome suspension = lifecycle.suspend(v1, UpgradeMode.LAST_STATE);
    DeployedJob resumed = lifecycle.resume(suspension, spec("v1"));

    assertThat(suspension.snapshotKind()).isEqualTo(SnapshotKind.CHECKPOINT);
    assertThat(flink.status(v1.jobId())).isEqualTo(JobStatus.CANCELED);
    assertThat(resumed.restorePath()).endsWith("/chk-1");
  }

  private static final String OVER_AGGREGATION = "55785f9edccd37ac9093dea77018f09d";

  @Test
  void aSnapshotFlinkRefusesToMapIsAReportedRefusalNamingTheOperatorAndTheSnapshot() {
    flink.completeCheckpoint(v1.jobId());
    flink.snapshotsHoldStateOfAnOperatorTheJobsLack(OVER_AGGREGATION);

    RestoreRefusedException refused =
        catchThrowableOfType(
            RestoreRefusedException.class,
            () -> lifecycle.upgrade(v1, spec("v2"), UpgradeMode.SAVEPOINT));

    assertThat(refused.operatorId()).isEqualTo(OVER_AGGREGATION);
    assertThat(refused.snapshotPath()).startsWith(SAVEPOINTS);
    assertThat(refused.stopped().job()).isNull();
    assertThat(refused.stopped().applied()).isEqualTo(UpgradeMode.SAVEPOINT);
    assertThat(refused.getMessage())
        .startsWith(
            "Flink refused to start sequence v2 (parallelism 2) from savepoint " + SAVEPOINTS)
        .contains("it holds state of operator " + OVER_AGGREGATION + " that the new job does not")
        .contains("resume the old version from " + refused.snapshotPath())
        .doesNotContain("\n");
    assertThat(flink.status(v1.jobId())).isEqualTo(JobStatus.FINISHED);
    assertThat(flink.status(lastSubmitted().jobId())).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void theSameSnapshotRestoresWhenNonRestoredStateIsAllowed() {
    flink.completeCheckpoint(v1.jobId());
    flink.snapshotsHoldStateOfAnOperatorTheJobsLack(OVER_AGGREGATION);
    JobSpec allowing =
        new JobSpec(
            "sequence",
            "v2",
            Path.of("sequence.jar"),
            "io.flinkchaos.jobs.Sequence",
            List.of(),
            2,
            Map.of(),
            true,
            null);

    UpgradeOutcome outcome = lifecycle.upgrade(v1, allowing, UpgradeMode.SAVEPOINT);

    assertThat(flink.status(outcome.job().jobId())).isEqualTo(JobStatus.RUNNING);
    assertThat(lastSubmitted().submission().allowNonRestoredState()).isTrue();
  }
}
