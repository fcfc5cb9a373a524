package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.fault.NetworkPartition;
import io.flinkchaos.harness.flink.TestingFlinkRest;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.TestingFlinkCluster;
import io.flinkchaos.harness.wait.Waits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The partition verdicts read Flink's report, never the fault's claim: a partition past the
 * heartbeat timeout must show Flink's heartbeat timeout and the job redeployed on the other
 * TaskManagers while the cut lasted. Over the fake {@link TestingFlinkCluster} (a 200 ms heartbeat
 * timeout, a fake network whose cut runs what the test says Flink did meanwhile).
 */
class PartitionVerdictsTest {

  private static final String HEARTBEAT_TIMEOUT =
      "java.util.concurrent.TimeoutException: Heartbeat of TaskManager with id"
          + " taskmanager-1-g1 timed out.\n\tat org.apache.flink.runtime.jobmaster.JobMaster";

  /**
   * Flink's timestamps are whole milliseconds and the fault's start is not: a failure the fake
   * records within the millisecond the cut began must not read as before it.
   */
  private final TestingFlinkCluster cluster =
      new TestingFlinkCluster(3, Clock.offset(Clock.systemUTC(), Duration.ofMillis(1)));

  private final TestingFlinkRest flink = cluster.rest();
  private final ScenarioContext context = new ScenarioContext();
  private final RecoverySteps steps = new RecoverySteps(context);
  private final DeployedJob job;

  PartitionVerdictsTest() {
    flink.heartbeatTimeout(Duration.ofMillis(200));
    context.useCluster(cluster);
    job = cluster.deploy(TestingFlinkCluster.sequenceJob(), null);
    // the first deployment strictly before any cut, on a fast machine too
    Instant deployed =
        Instant.ofEpochMilli(
            flink.currentAttempts(job.jobId(), "Source").values().iterator().next().startMillis());
    Waits.until(
        "the clock to pass the first deployment",
        Duration.ofSeconds(1),
        Instant::now,
        now -> now.isAfter(deployed.plusMillis(2)));
    context.useJob(job);
    flink.placeSubtasks(job.jobId(), 1, 2);
    flink.completeCheckpoint(job.jobId());
  }

  private void cutOffTaskManager1For(Duration length) {
    context.inject(new NetworkPartition(FlinkProcess.taskManager(1), length));
  }

  @Test
  void aLongPartitionThatMovedTheJobElsewhereWhileCutPassesBothChecks() {
    cluster.whilePartitioned(
        tm -> {
          flink.failOver(job.jobId(), HEARTBEAT_TIMEOUT);
          flink.placeSubtasks(job.jobId(), 2, 3);
        });
    cutOffTaskManager1For(Duration.ofMillis(400));

    steps.longFreezeCausedAFailover();
    steps.ranElsewhereBeforeTheHeal();
    assertThat(cluster.processFaults())
        .containsExactly("partition TaskManager 1", "heal TaskManager 1");
  }

  @Test
  void aJobThatWaitedForTheHealInsteadOfMovingIsRed() {
    cutOffTaskManager1For(Duration.ofMillis(400));
    flink.failOver(job.jobId(), HEARTBEAT_TIMEOUT);
    flink.placeSubtasks(job.jobId(), 2, 3);

    steps.longFreezeCausedAFailover();
    assertThatThrownBy(steps::ranElsewhereBeforeTheHeal)
        .hasMessageStartingWith(
            "expected every source subtask redeployed while TaskManager 1 was cut off;");
  }

  @Test
  void aJobNeverRedeployedIsRed() {
    cutOffTaskManager1For(Duration.ofMillis(400));

    assertThatThrownBy(steps::longFreezeCausedAFailover)
        .hasMessageContaining("no heartbeat timeout among the failures Flink recorded since");
    assertThatThrownBy(steps::ranElsewhereBeforeTheHeal)
        .hasMessageStartingWith("expected every source subtask redeployed");
  }

  @Test
  void aJobBackOnThePartitionedTaskManagerIsRed() {
    cluster.whilePartitioned(
        tm -> {
          flink.failOver(job.jobId(), HEARTBEAT_TIMEOUT);
          flink.placeSubtasks(job.jobId(), 1, 3);
        });
    cutOffTaskManager1For(Duration.ofMillis(400));

    assertThatThrownBy(steps::ranElsewhereBeforeTheHeal)
        .hasMessageStartingWith("expected the job off the partitioned TaskManager 1;");
  }

  @Test
  void aShortPartitionWithoutAFailoverPassesOnlyTheNoFailoverCheck() {
    cutOffTaskManager1For(Duration.ofMillis(50));

    steps.shortFreezeCausedNoFailover();
    assertThatThrownBy(steps::longFreezeCausedAFailover)
        .hasMessage(
            "a failover expected: the partition of TaskManager 1 (50 ms) does not outlast"
                + " heartbeat.timeout (200 ms)");
  }
}
