package io.flinkchaos.harness.steps;

import io.cucumber.java.en.When;
import io.flinkchaos.harness.fault.CheckpointGate;
import io.flinkchaos.harness.fault.InjectedFault;
import io.flinkchaos.harness.fault.JobManagerKill;
import io.flinkchaos.harness.fault.TaskManagerDown;
import io.flinkchaos.harness.fault.TaskManagerKill;
import io.flinkchaos.harness.fault.TaskManagersKill;
import io.flinkchaos.harness.flink.CheckpointObservation;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.util.Optional;

/** Steps that inject faults. Each records where the fault landed (see {@code FaultLanding}). */
public final class FaultSteps {

  /** Fast enough that "right after the next checkpoint" is tens of milliseconds after it. */
  static final Duration CHECKPOINT_POLL = Duration.ofMillis(100);

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

  /** All chosen TaskManagers die in the same instant: no restore happens in between. */
  @When("{int} TaskManagers running the job are killed at once")
  public void taskManagersRunningTheJobAreKilledAtOnce(int count) {
    context.inject(new TaskManagersKill(context.taskManagersRunningTheJob(count)));
  }

  @When("the JobManager is killed")
  public void jobManagerIsKilled() {
    context.inject(new JobManagerKill());
  }

  @When("the JobManager is killed again before the job is running")
  public void jobManagerIsKilledAgainBeforeTheJobIsRunning() {
    new CascadingJobManagerKill(context).killTheNewJobManagerBeforeTheJobRuns();
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
    int target = context.taskManagerRunningTheJob(index);
    killAfterNextCheckpoint(target);
  }

  @When("a TaskManager running the job is killed after the next checkpoint")
  public void aTaskManagerRunningTheJobIsKilledAfterTheNextCheckpoint() {
    killAfterNextCheckpoint(context.aTaskManagerRunningTheJob());
  }

  /**
   * Each round kills a TaskManager that runs the job's tasks at that moment and was not killed in
   * an earlier round, once the job ran again after the previous round.
   */
  @When("a TaskManager running the job is killed {int} times, each after a new checkpoint")
  public void aTaskManagerRunningTheJobIsKilledRepeatedly(int times) {
    for (int round = 1; round <= times; round++) {
      InjectedFault fault = killAfterNextCheckpoint(context.aTaskManagerRunningTheJob());
      context.log("round " + round + " of " + times + ": " + fault.fault().description());
    }
  }

  @When("a TaskManager running the job is killed while a checkpoint is in progress")
  public void aTaskManagerRunningTheJobIsKilledWhileACheckpointIsInProgress() {
    int target = context.aTaskManagerRunningTheJob();
    var jobId = context.job().jobId();
    CheckpointGate gate =
        new CheckpointGate(
            () -> context.cluster().rest().checkpointActivity(jobId).inProgress(),
            CheckpointGate.DWELL);
    InjectedFault fault =
        gate.land(
            JobSteps.checkpointBudget(2).plus(Duration.ofSeconds(30)),
            checkpoint ->
                context.injectIf(
                    new TaskManagerKill(target),
                    landing -> landing.inProgress(checkpoint.id()).isPresent()),
            checkpoint -> "was no longer in progress when the kill was about to land");
    context.log(
        "the kill landed while "
            + fault.landing().inProgress()
            + " was IN_PROGRESS (Flink's checkpoint statistics just before the kill)");
  }

  /** Waits (polling fast) for a checkpoint newer than the current one, then kills at once. */
  private InjectedFault killAfterNextCheckpoint(int target) {
    var jobId = context.job().jobId();
    long current = context.cluster().rest().checkpoints(jobId).latestCompletedId();
    CheckpointObservation next =
        Waits.until(
            "a checkpoint of job " + jobId + " newer than " + current + " to complete",
            JobSteps.checkpointBudget(1).plus(Duration.ofSeconds(30)),
            CHECKPOINT_POLL,
            () -> context.cluster().rest().checkpoints(jobId),
            c -> c.latestCompletedId() > current);
    Optional<InjectedFault> fault =
        context.injectIf(
            new TaskManagerKill(target),
            landing -> !landing.known() || landing.lastCompletedId() >= next.latestCompletedId());
    return fault.orElseThrow(
        () ->
            new IllegalStateException(
                "checkpoint "
                    + next.latestCompletedId()
                    + " completed, but Flink's statistics just before the kill did not show it"));
  }
}
