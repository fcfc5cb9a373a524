package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.report.Evidence;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The supervised processes of one local cluster: ZooKeeper (with HA only), the JobManager, and
 * TaskManagers 1..N, each staying the same logical process across its generations.
 */
final class LocalClusterProcesses {

  private final Path workDir;
  private final SupervisedProcess zooKeeper;
  private final SupervisedProcess jobManager;
  private final List<SupervisedProcess> taskManagers;

  /**
   * @param zooKeeper null without HA
   * @param taskManagers TaskManager 1 first
   */
  LocalClusterProcesses(
      Path workDir,
      SupervisedProcess zooKeeper,
      SupervisedProcess jobManager,
      List<SupervisedProcess> taskManagers) {
    this.workDir = workDir;
    this.zooKeeper = zooKeeper;
    this.jobManager = jobManager;
    this.taskManagers = List.copyOf(taskManagers);
  }

  /** The names of the processes {@code spec} asks for, in start order. */
  static List<String> names(ClusterSpec spec) {
    List<String> names = new ArrayList<>();
    if (spec.highAvailability()) {
      names.add("zookeeper");
    }
    names.add("jobmanager");
    for (int i = 1; i <= spec.taskManagers(); i++) {
      names.add(TaskManagerResourceId.name(i));
    }
    return names;
  }

  /**
   * The processes {@code spec} asks for, launched by {@code commands}, reporting to {@code events}.
   */
  static LocalClusterProcesses of(
      ClusterSpec spec, ProcessCommands commands, Path workDir, Consumer<String> events) {
    List<SupervisedProcess> taskManagers = new ArrayList<>();
    for (int i = 1; i <= spec.taskManagers(); i++) {
      int index = i;
      taskManagers.add(
          new SupervisedProcess(
              TaskManagerResourceId.name(index),
              generation -> commands.taskManager(index, generation),
              events));
    }
    return new LocalClusterProcesses(
        workDir,
        spec.highAvailability()
            ? new SupervisedProcess("zookeeper", commands::zooKeeper, events)
            : null,
        new SupervisedProcess("jobmanager", commands::jobManager, events),
        taskManagers);
  }

  /** Starts ZooKeeper first, then the JobManager and the TaskManagers, without waiting. */
  void start() {
    if (zooKeeper != null) {
      zooKeeper.start();
    }
    jobManager.start();
    taskManagers.forEach(SupervisedProcess::start);
  }

  SupervisedProcess jobManager() {
    return jobManager;
  }

  SupervisedProcess taskManager(int index) {
    if (index < 1 || index > taskManagers.size()) {
      throw new IllegalArgumentException(
          "TaskManager "
              + index
              + " does not exist: this cluster has TaskManagers 1.."
              + taskManagers.size());
    }
    return taskManagers.get(index - 1);
  }

  SupervisedProcess of(FlinkProcess process) {
    return process.role() == FlinkProcess.Role.JOB_MANAGER
        ? jobManager
        : taskManager(process.index());
  }

  /** The TaskManagers that should be registered: all but those taken down on purpose. */
  long expectedTaskManagers() {
    return taskManagers.stream().filter(tm -> !tm.isHeld()).count();
  }

  boolean allAlive() {
    return (zooKeeper == null || zooKeeper.isAlive())
        && jobManager.isAlive()
        && taskManagers.stream().allMatch(tm -> tm.isHeld() || tm.isAlive());
  }

  /** Why supervision gave up on some process, with where its logs are; null if it did not. */
  String supervisionFailure() {
    List<String> failures = new ArrayList<>();
    for (SupervisedProcess process : all()) {
      if (process.failure() != null) {
        failures.add(process.failure() + ", log in " + workDir.resolve(process.name()));
      }
    }
    return failures.isEmpty() ? null : String.join("; ", failures);
  }

  /**
   * The latest log of each process, and the one before for a replaced JobManager or TaskManager.
   */
  void addLogs(Evidence evidence) {
    addLog(evidence, jobManager, true);
    if (zooKeeper != null) {
      addLog(evidence, zooKeeper, false);
    }
    taskManagers.forEach(tm -> addLog(evidence, tm, true));
  }

  private void addLog(Evidence evidence, SupervisedProcess process, boolean withPrevious) {
    String name = process.name();
    int generation = process.generation();
    evidence.addTail(name + " log", ProcessCommands.logFile(workDir, name, generation));
    if (withPrevious && generation > 1) {
      evidence.addTail(
          name + " previous log", ProcessCommands.logFile(workDir, name, generation - 1));
    }
  }

  /** Process ids of the current generations, ZooKeeper's first; -1 for one not running. */
  List<Long> pids() {
    return all().stream().map(SupervisedProcess::pid).toList();
  }

  /** Stops the Flink processes together, then ZooKeeper, which they may use until the end. */
  void stop(Duration grace) {
    List<SupervisedProcess> flink = new ArrayList<>(taskManagers);
    flink.add(jobManager);
    SupervisedProcess.stopAll(flink, grace);
    if (zooKeeper != null) {
      zooKeeper.stop(grace);
    }
  }

  /** ZooKeeper (if any), the JobManager, then the TaskManagers in order. */
  private List<SupervisedProcess> all() {
    List<SupervisedProcess> all = new ArrayList<>();
    if (zooKeeper != null) {
      all.add(zooKeeper);
    }
    all.add(jobManager);
    all.addAll(taskManagers);
    return all;
  }
}
