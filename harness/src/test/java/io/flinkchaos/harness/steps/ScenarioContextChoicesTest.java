package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.fault.FaultLanding;
import io.flinkchaos.harness.fault.InjectedFault;
import io.flinkchaos.harness.fault.TaskManagerKill;
import io.flinkchaos.harness.flink.InProgressSnapshot;
import io.flinkchaos.harness.flink.TestingFlinkRest;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.platform.TestingFlinkCluster;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The TaskManager choices and landing checks of {@link ScenarioContext}, with the cluster and job
 * given to it as the steps do, over the fake {@link TestingFlinkCluster} (on the system clock: the
 * context stamps faults with real time and awaits restores after them).
 */
class ScenarioContextChoicesTest {

  private final TestingFlinkCluster cluster = new TestingFlinkCluster(3, Clock.systemUTC());
  private final TestingFlinkRest flink = cluster.rest();
  private final ScenarioContext context = new ScenarioContext();
  private final DeployedJob job;

  ScenarioContextChoicesTest() {
    context.useCluster(cluster);
    job = cluster.deploy(TestingFlinkCluster.sequenceJob(), null);
    context.useJob(job);
    flink.placeSubtasks(job.jobId(), 2, 3);
  }

  @Test
  void aTaskManagerRunningTheJobIsTheLowestThatRunsATask() {
    assertThat(context.taskManagersRunningTheJob(1).get(0)).isEqualTo(2);
  }

  @Test
  void aNamedTaskManagerThatRunsNothingIsRefusedWithTheOnesThatDo() {
    assertThat(context.taskManagerRunningTheJob(3)).isEqualTo(3);
    assertThatThrownBy(() -> context.taskManagerRunningTheJob(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TaskManager 1 runs no task of job " + job.jobId())
        .hasMessageContaining("(its tasks run on TaskManagers [2, 3])");
  }

  @Test
  void nTaskManagersRunningTheJobAreChosenOrTheChoiceSaysWhyNot() {
    assertThat(context.taskManagersRunningTheJob(2)).containsExactly(2, 3);
    assertThatThrownBy(() -> context.taskManagersRunningTheJob(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("only 2 of the 3 TaskManagers to kill are eligible");
  }

  @Test
  void aTaskManagerHitByAnEarlierFaultIsNotChosenAgain() {
    flink.completeCheckpoint(job.jobId());
    context.inject(new TaskManagerKill(context.taskManagersRunningTheJob(1).get(0)));
    // the replacement of TaskManager 2 runs tasks again; choosing it would repeat the fault
    flink.placeSubtasks(job.jobId(), 2, 3);

    assertThat(cluster.processFaults()).containsExactly("kill TaskManager 2");
    assertThat(context.taskManagersRunningTheJob(1).get(0)).isEqualTo(3);
    assertThatThrownBy(() -> context.taskManagersRunningTheJob(2))
        .hasMessageContaining("excluded as killed earlier in this scenario: [2]");
  }

  @Test
  void aFaultForTheMomentOfACheckpointIsInjectedOnlyWhileOneIsInProgress() {
    long completed = flink.completeCheckpoint(job.jobId());

    Optional<InjectedFault> outside = context.injectIf(new TaskManagerKill(3), duringACheckpoint());
    InProgressSnapshot pending = flink.startCheckpoint(job.jobId());
    Optional<InjectedFault> during = context.injectIf(new TaskManagerKill(3), duringACheckpoint());

    assertThat(outside).isEmpty();
    assertThat(during).isPresent();
    assertThat(cluster.processFaults()).containsExactly("kill TaskManager 3");
    assertThat(during.get().landing().inProgress(pending.id())).isPresent();
    assertThat(during.get().lastCompletedBefore()).isEqualTo(completed);
    assertThat(during.get().landing().taskManagersRunning()).containsExactly(2, 3);
  }

  private static Predicate<FaultLanding> duringACheckpoint() {
    return landing -> landing.inProgress(s -> !s.kind().isSavepoint()).isPresent();
  }
}
