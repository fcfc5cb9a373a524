package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.flink.TestingFlinkRest;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.platform.TestingFlinkCluster;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Fault steps over the fake {@link TestingFlinkCluster}: what reaches the cluster, and when. */
class FaultStepsTest {

  private final TestingFlinkCluster cluster = new TestingFlinkCluster(3, Clock.systemUTC());
  private final TestingFlinkRest flink = cluster.rest();
  private final ScenarioContext context = new ScenarioContext();
  private final FaultSteps steps = new FaultSteps(context);

  FaultStepsTest() {
    context.useCluster(cluster);
    DeployedJob job = cluster.deploy(TestingFlinkCluster.sequenceJob(), null);
    context.useJob(job);
    flink.placeSubtasks(job.jobId(), 1, 2);
  }

  @Test
  void aTaskManagerThatComesBackIsHealedOnceNotAgainAfterTheScenario() {
    steps.taskManagerGoesDown(2);
    steps.taskManagerComesBack(2);

    assertThat(cluster.processFaults())
        .containsExactly("take TaskManager 2 down", "bring TaskManager 2 back");
    assertThat(context.faultsToHeal()).isEmpty();
  }

  @Test
  void everyTaskManagerGoesDownAndComesBackOnce() {
    steps.everyTaskManagerGoesDown();
    steps.theTaskManagersComeBack();

    assertThat(cluster.processFaults())
        .containsExactly(
            "take TaskManager 1 down",
            "take TaskManager 2 down",
            "take TaskManager 3 down",
            "bring TaskManager 1 back",
            "bring TaskManager 2 back",
            "bring TaskManager 3 back");
    assertThat(context.faultsToHeal()).isEmpty();
    assertThatThrownBy(steps::theTaskManagersComeBack)
        .hasMessageContaining(
            "'the TaskManagers come back' follows 'When every TaskManager goes down'");
  }

  @Test
  void comingBackWithoutGoingDownSaysWhatIsMissing() {
    assertThatThrownBy(() -> steps.taskManagerComesBack(1))
        .hasMessage(
            "TaskManager 1 is not down in this scenario: 'comes back' follows 'When TaskManager 1"
                + " goes down'");
  }

  @Test
  void goingDownChecksTheTaskManagerRunsATaskAsKillingDoes() {
    assertThatThrownBy(() -> steps.taskManagerGoesDown(3))
        .hasMessageContaining("TaskManager 3 runs no task of job");
    assertThatThrownBy(() -> steps.taskManagerIsKilled(3))
        .hasMessageContaining("TaskManager 3 runs no task of job");
    assertThat(cluster.processFaults()).isEmpty();
  }

  @Test
  void aFrozenTaskManagerIsOneRunningTheJobAndIsThawed() {
    steps.aTaskManagerRunningTheJobIsFrozen(java.time.Duration.ofMillis(20));

    assertThat(cluster.processFaults())
        .containsExactly("freeze TaskManager 1", "thaw TaskManager 1");
  }
}
