package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.flink.InProgressSnapshot;
import io.flinkchaos.harness.flink.TestingFlinkRest;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.platform.TestingFlinkCluster;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The transaction-timeout trap's fault and its landing proof, over the fake {@link
 * TestingFlinkCluster}: the victim is a TaskManager that does not run the slow subtask, and "the
 * job restored from the checkpoint in progress when the fault landed" goes red when the restore
 * came from an older checkpoint (the faulted TaskManager had not acknowledged).
 */
class AcknowledgedCheckpointFreezeTest {

  private static final String HEARTBEAT_TIMEOUT =
      "java.util.concurrent.TimeoutException: The heartbeat of TaskManager with id"
          + " taskmanager-2-g1 timed out.";

  /**
   * Flink's timestamps are whole milliseconds; the fault's start is not (see
   * PartitionVerdictsTest).
   */
  private final TestingFlinkCluster cluster =
      new TestingFlinkCluster(3, Clock.offset(Clock.systemUTC(), Duration.ofMillis(1)));

  private final TestingFlinkRest flink = cluster.rest();
  private final ScenarioContext context = new ScenarioContext();
  private final FaultSteps faults = new FaultSteps(context);
  private final RecoverySteps recovery = new RecoverySteps(context);
  private final DeployedJob job;

  AcknowledgedCheckpointFreezeTest() {
    flink.heartbeatTimeout(Duration.ofMillis(200));
    context.useCluster(cluster);
    job = cluster.deploy(TestingFlinkCluster.sequenceJob(), null);
    context.useJob(job);
    flink.placeSubtasks(job.jobId(), 1, 2); // the slow subtask 0 on TaskManager 1
    flink.completeCheckpoint(job.jobId());
  }

  @Test
  void theVictimDoesNotRunTheSlowSubtaskAndTheRestoreFromTheCheckpointInProgressPasses() {
    InProgressSnapshot held = flink.startCheckpoint(job.jobId());
    cluster.whileFrozen(
        tm -> {
          flink.completeCheckpoint(job.jobId(), held);
          flink.failOver(job.jobId(), HEARTBEAT_TIMEOUT);
        });

    faults.aTaskManagerThatAcknowledgedIsFrozen(Duration.ofMillis(300));

    assertThat(cluster.processFaults()).contains("freeze TaskManager 2");
    recovery.restoredFromTheCheckpointInProgress();
  }

  @Test
  void aRestoreFromTheCheckpointBeforeTurnsTheLandingProofRed() {
    flink.startCheckpoint(job.jobId());
    cluster.whileFrozen(tm -> flink.failOver(job.jobId(), HEARTBEAT_TIMEOUT));

    faults.aTaskManagerThatAcknowledgedIsFrozen(Duration.ofMillis(300));

    assertThatThrownBy(recovery::restoredFromTheCheckpointInProgress)
        .hasMessageContaining("checkpoint 2 was in progress then")
        .hasMessageContaining("expected: 2");
  }
}
