package io.flinkchaos.harness.steps;

import io.cucumber.java.en.When;
import io.flinkchaos.harness.fault.JobManagerKill;
import io.flinkchaos.harness.fault.TaskManagerDown;
import io.flinkchaos.harness.fault.TaskManagerKill;
import io.flinkchaos.harness.flink.JobProgress;
import java.time.Duration;

/** Steps that inject faults. Each records the job's checkpoints just before the fault. */
public final class FaultSteps {

  private final ScenarioContext context;

  public FaultSteps(ScenarioContext context) {
    this.context = context;
  }

  @When("TaskManager {int} is killed")
  public void taskManagerIsKilled(int index) {
    context.inject(new TaskManagerKill(context.taskManagerRunningTheJob(index)));
  }

  @When("a TaskManager running the job is killed")
  public void aTaskManagerRunningTheJobIsKilled() {
    context.inject(new TaskManagerKill(context.aTaskManagerRunningTheJob()));
  }

  @When("the JobManager is killed")
  public void jobManagerIsKilled() {
    context.inject(new JobManagerKill());
  }

  @When("TaskManager {int} goes down")
  public void taskManagerGoesDown(int index) {
    context.inject(new TaskManagerDown(index));
  }

  @When("TaskManager {int} comes back")
  public void taskManagerComesBack(int index) {
    new TaskManagerDown(index).heal(context.cluster());
    context.log("TaskManager " + index + " is back");
  }

  /**
   * Gated on checkpoint progress, as Flink's HA tests do: the restore is from a fresh checkpoint.
   */
  @When("TaskManager {int} is killed after the next checkpoint")
  public void taskManagerIsKilledAfterTheNextCheckpoint(int index) {
    awaitNextCheckpoint();
    context.inject(new TaskManagerKill(context.taskManagerRunningTheJob(index)));
  }

  @When("a TaskManager running the job is killed after the next checkpoint")
  public void aTaskManagerRunningTheJobIsKilledAfterTheNextCheckpoint() {
    awaitNextCheckpoint();
    context.inject(new TaskManagerKill(context.aTaskManagerRunningTheJob()));
  }

  /**
   * After a restore the tasks may all run on the surviving TaskManagers, so each round kills one
   * that runs the job's tasks at that moment.
   */
  @When("a TaskManager running the job is killed {int} times, each after a new checkpoint")
  public void aTaskManagerRunningTheJobIsKilledRepeatedly(int times) {
    for (int round = 1; round <= times; round++) {
      awaitNextCheckpoint();
      var fault = context.inject(new TaskManagerKill(context.aTaskManagerRunningTheJob()));
      if (round < times) {
        context
            .jobWaits()
            .runningAfterRestoreSince(
                context.job().jobId(), fault.at(), RecoverySteps.RESTORE_TIMEOUT);
        context.log("round " + round + " of " + times + ": job running again");
      }
    }
  }

  private void awaitNextCheckpoint() {
    JobProgress now = context.jobWaits().progress(context.job().jobId());
    context
        .jobWaits()
        .checkpointsCompleted(
            context.job().jobId(),
            now.checkpoints().completed() + 1,
            JobSteps.checkpointBudget(1).plus(Duration.ofSeconds(30)));
  }
}
