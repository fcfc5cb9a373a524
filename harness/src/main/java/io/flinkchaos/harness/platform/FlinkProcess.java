package io.flinkchaos.harness.platform;

/**
 * One Flink process of a cluster by its logical identity: the JobManager, or TaskManager {@code n}
 * (1-based), which stays TaskManager {@code n} when its process or pod is replaced.
 */
public record FlinkProcess(Role role, int index) {

  public enum Role {
    JOB_MANAGER,
    TASK_MANAGER
  }

  public FlinkProcess {
    if (role == Role.TASK_MANAGER && index < 1) {
      throw new IllegalArgumentException("TaskManagers are numbered from 1, got " + index);
    }
  }

  public static FlinkProcess jobManager() {
    return new FlinkProcess(Role.JOB_MANAGER, 0);
  }

  public static FlinkProcess taskManager(int index) {
    return new FlinkProcess(Role.TASK_MANAGER, index);
  }

  @Override
  public String toString() {
    return role == Role.JOB_MANAGER ? "the JobManager" : "TaskManager " + index;
  }
}
