package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.fault.ProcessFreeze;
import io.flinkchaos.harness.flink.TestingFlinkRest;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.TestingFlinkCluster;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The freeze verdicts read Flink's configuration and exception history, never the freeze's own
 * claim: each goes red when Flink's report contradicts the scenario's name. Over the fake {@link
 * TestingFlinkCluster} with a 200 ms heartbeat timeout, so "longer than the heartbeat" is quick.
 */
class FreezeVerdictsTest {

  private static final String HEARTBEAT_TIMEOUT =
      "java.util.concurrent.TimeoutException: The heartbeat of TaskManager with id"
          + " taskmanager-1-g1 timed out.\n\tat org.apache.flink.runtime.resourcemanager";

  private final TestingFlinkCluster cluster = new TestingFlinkCluster(2, Clock.systemUTC());
  private final TestingFlinkRest flink = cluster.rest();
  private final ScenarioContext context = new ScenarioContext();
  private final RecoverySteps steps = new RecoverySteps(context);
  private final DeployedJob job;

  FreezeVerdictsTest() {
    flink.heartbeatTimeout(Duration.ofMillis(200));
    context.useCluster(cluster);
    job = cluster.deploy(TestingFlinkCluster.sequenceJob(), null);
    context.useJob(job);
    flink.placeSubtasks(job.jobId(), 1, 2);
    flink.completeCheckpoint(job.jobId());
  }

  private void freezeFor(Duration pause) {
    context.inject(new ProcessFreeze(FlinkProcess.taskManager(1), pause));
  }

  @Test
  void aShortFreezeWithoutAFailoverPassesOnlyTheNoFailoverCheck() {
    freezeFor(Duration.ofMillis(50));

    steps.shortFreezeCausedNoFailover();
    assertThatThrownBy(steps::longFreezeCausedAFailover)
        .hasMessage(
            "a failover expected: the freeze of TaskManager 1 (50 ms) does not outlast"
                + " heartbeat.timeout (200 ms)");
  }

  @Test
  void aFailoverDuringAShortFreezeTurnsTheNoFailoverCheckRed() {
    freezeFor(Duration.ofMillis(50));
    flink.failOver(job.jobId(), HEARTBEAT_TIMEOUT);

    assertThatThrownBy(steps::shortFreezeCausedNoFailover)
        .hasMessageStartingWith(
            "no failover expected: Flink recorded 1 failure(s) since 'freeze TaskManager 1 for 50"
                + " ms (SIGSTOP, then SIGCONT)' began (heartbeat.timeout 200 ms), the latest: ")
        .hasMessageContaining("The heartbeat of TaskManager with id taskmanager-1-g1 timed out.");
  }

  @Test
  void aFailoverBeforeTheFreezeDoesNotCount() {
    flink.failOver(job.jobId(), HEARTBEAT_TIMEOUT);
    freezeFor(Duration.ofMillis(50));

    steps.shortFreezeCausedNoFailover();
  }

  @Test
  void aLongFreezeNeedsAHeartbeatTimeoutInTheExceptionHistory() {
    freezeFor(Duration.ofMillis(400));
    assertThatThrownBy(steps::longFreezeCausedAFailover)
        .hasMessageContaining("no heartbeat timeout among the failures Flink recorded since");

    flink.failOver(
        job.jobId(), "org.apache.flink.util.FlinkException: a task failed for another reason");
    assertThatThrownBy(steps::longFreezeCausedAFailover)
        .hasMessageContaining("no heartbeat timeout among the failures Flink recorded since");

    flink.failOver(job.jobId(), HEARTBEAT_TIMEOUT);
    steps.longFreezeCausedAFailover();
  }

  @Test
  void theChecksFollowAFreezeOnly() {
    context.inject(new io.flinkchaos.harness.fault.JobManagerKill());

    assertThatThrownBy(steps::shortFreezeCausedNoFailover)
        .hasMessageContaining("follows 'When a TaskManager running the job is frozen for");
  }
}
