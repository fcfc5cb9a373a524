package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.flink.TestingFlinkRest;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.platform.TestingFlinkCluster;
import io.flinkchaos.harness.wait.Waits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The object-store outage verdicts read Flink's checkpoint counts and exception history, never the
 * outage's claim: "rode it out" goes red on a failover during the outage, "failed over" needs
 * Flink's tolerance message. Over the fake {@link TestingFlinkCluster}, whose fake outage runs what
 * the test says Flink did meanwhile.
 */
class StorageVerdictsTest {

  private static final String TOLERANCE_EXCEEDED =
      "org.apache.flink.util.FlinkRuntimeException: Exceeded checkpoint tolerable failure"
          + " threshold. The latest checkpoint failed due to Checkpoint expired before completing.";

  /** Flink's timestamps are whole milliseconds; the outage's start is not. */
  private final TestingFlinkCluster cluster =
      new TestingFlinkCluster(2, Clock.offset(Clock.systemUTC(), Duration.ofMillis(1)));

  private final TestingFlinkRest flink = cluster.rest();
  private final ScenarioContext context = new ScenarioContext();
  private final StorageSteps steps = new StorageSteps(context);
  private final DeployedJob job;

  StorageVerdictsTest() {
    context.useCluster(cluster);
    job = cluster.deploy(TestingFlinkCluster.sequenceJob(), null);
    context.useJob(job);
    flink.placeSubtasks(job.jobId(), 1, 2);
    flink.completeCheckpoint(job.jobId());
  }

  @Test
  void failedCheckpointsWithoutAFailoverAreRiddenOutButNotAFailover() {
    cluster.whileStoreOut(() -> flink.failCheckpoint(job.jobId()));
    steps.theObjectStoreStopsAnswering(Duration.ofMillis(100));

    steps.checkpointsFailedOrWereHeldAndTheJobRodeItOut();
  }

  @Test
  void aCheckpointHeldUntilTheStoreAnswersIsRiddenOut() {
    steps.theObjectStoreStopsAnswering(Duration.ofMillis(200));
    flink.completeCheckpoint(job.jobId());

    steps.checkpointsFailedOrWereHeldAndTheJobRodeItOut();
  }

  @Test
  void aCheckpointCompletedWhileTheStoreWasOutTurnsTheVerdictRed() {
    cluster.whileStoreOut(
        () -> {
          Waits.untilElapsed("the outage half over", Instant.now(), Duration.ofMillis(500));
          flink.completeCheckpoint(job.jobId());
        });
    steps.theObjectStoreStopsAnswering(Duration.ofSeconds(1));

    assertThatThrownBy(steps::checkpointsFailedOrWereHeldAndTheJobRodeItOut)
        .hasMessageStartingWith("the outage did not reach checkpointing: 0 checkpoint(s) failed")
        .hasMessageContaining("ms after it began, the outage lasted 1000 ms");
  }

  @Test
  void aFailoverDuringTheOutageTurnsRiddenOutRed() {
    cluster.whileStoreOut(
        () -> {
          flink.failCheckpoint(job.jobId());
          flink.failOver(job.jobId(), TOLERANCE_EXCEEDED);
        });
    steps.theObjectStoreRefusesConnections(Duration.ofMillis(100));

    assertThatThrownBy(steps::checkpointsFailedOrWereHeldAndTheJobRodeItOut)
        .hasMessageContaining("Flink recorded 1 failure(s) since the outage began")
        .hasMessageContaining("Exceeded checkpoint tolerable failure threshold");
    steps.theJobFailedOverOnTheToleranceExceeded();
  }
}
