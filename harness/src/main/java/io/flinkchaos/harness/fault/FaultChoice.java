package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkProcess;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Which fault, decided at the moment it is injected: "a TaskManager running the job" means one that
 * runs its tasks then, not when the schedule was written.
 */
public record FaultChoice(String description, Function<FaultInjector, Fault> choose) {

  public Fault chooseFor(FaultInjector scenario) {
    return choose.apply(scenario);
  }

  public static FaultChoice of(Fault fault) {
    return new FaultChoice(fault.description(), scenario -> fault);
  }

  public static FaultChoice killTaskManager(int index) {
    return new FaultChoice(
        "kill TaskManager " + index,
        scenario -> new TaskManagerKill(scenario.taskManagerRunningTheJob(index)));
  }

  public static FaultChoice killATaskManagerRunningTheJob() {
    return new FaultChoice(
        "kill a TaskManager running the job",
        scenario -> new TaskManagerKill(scenario.taskManagersRunningTheJob(1).get(0)));
  }

  public static FaultChoice killTaskManagersRunningTheJobAtOnce(int count) {
    return new FaultChoice(
        "kill " + count + " TaskManagers running the job at once",
        scenario -> new TaskManagersKill(scenario.taskManagersRunningTheJob(count)));
  }

  public static FaultChoice takeTaskManagerDown(int index) {
    return new FaultChoice(
        "take TaskManager " + index + " down",
        scenario -> new TaskManagerDown(scenario.taskManagerRunningTheJob(index)));
  }

  public static FaultChoice freezeATaskManagerRunningTheJob(Duration pause) {
    return new FaultChoice(
        "freeze a TaskManager running the job for " + pause.toMillis() + " ms",
        scenario -> new ProcessFreeze(aTaskManagerRunningTheJob(scenario), pause));
  }

  /**
   * Freezes a TaskManager that does not run subtask 0 of the slow-subtask job's "slow snapshots":
   * while a checkpoint waits for that subtask, this one has already acknowledged it.
   */
  public static FaultChoice freezeATaskManagerThatAcknowledged(Duration pause) {
    return new FaultChoice(
        "freeze a TaskManager that does not run the slow subtask for " + pause.toMillis() + " ms",
        scenario ->
            new ProcessFreeze(
                FlinkProcess.taskManager(
                    scenario.taskManagerRunningTheJobButNot(SLOW_VERTEX, SLOW_SUBTASK)),
                pause));
  }

  /** The vertex and subtask that hold each checkpoint in the slow-subtask job. */
  static final String SLOW_VERTEX = "slow snapshots";

  static final int SLOW_SUBTASK = 0;

  public static FaultChoice partitionATaskManagerRunningTheJob(Duration length) {
    return new FaultChoice(
        "cut a TaskManager running the job off from the JobManager for "
            + length.toMillis()
            + " ms",
        scenario -> new NetworkPartition(aTaskManagerRunningTheJob(scenario), length));
  }

  public static FaultChoice delayATaskManagerRunningTheJob(Duration each, Duration length) {
    return new FaultChoice(
        "delay every packet of a TaskManager running the job by "
            + each.toMillis()
            + " ms for "
            + length.toMillis()
            + " ms",
        scenario -> new LinkDelay(aTaskManagerRunningTheJob(scenario), each, length));
  }

  /** One TaskManager that runs the job's tasks now and was not hit before. */
  private static FlinkProcess aTaskManagerRunningTheJob(FaultInjector scenario) {
    return FlinkProcess.taskManager(scenario.taskManagersRunningTheJob(1).get(0));
  }

  public static FaultChoice killTheJobManager() {
    return of(new JobManagerKill());
  }

  /** The choices a random schedule may draw from, by the cluster's shape. */
  public static List<FaultChoice> randomMenu(boolean highAvailability, Duration shortFreeze) {
    return highAvailability
        ? List.of(
            killATaskManagerRunningTheJob(),
            freezeATaskManagerRunningTheJob(shortFreeze),
            killTheJobManager())
        : List.of(killATaskManagerRunningTheJob(), freezeATaskManagerRunningTheJob(shortFreeze));
  }

  /**
   * {@link #randomMenu(boolean, Duration)} plus faults of what the job depends on outside Flink
   * (its Kafka broker, its object store), where the harness can hurt them.
   */
  public static List<FaultChoice> randomMenu(
      boolean highAvailability, Duration shortFreeze, List<FaultChoice> dependencies) {
    List<FaultChoice> menu = new java.util.ArrayList<>(randomMenu(highAvailability, shortFreeze));
    menu.addAll(dependencies);
    return List.copyOf(menu);
  }

  @Override
  public String toString() {
    return description;
  }
}
