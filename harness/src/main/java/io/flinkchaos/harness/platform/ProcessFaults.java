package io.flinkchaos.harness.platform;

/**
 * What can happen to a cluster's Flink processes: SIGKILL locally, pod deletion with grace period 0
 * on Kubernetes; a TaskManager taken down stays down (a lost node) until brought back.
 */
public interface ProcessFaults {

  /** Kills TaskManager {@code index} (1-based); the platform replaces it. */
  void killTaskManager(int index);

  /** Kills the JobManager; the platform replaces it, and only HA brings the job back. */
  void killJobManager();

  /** Takes TaskManager {@code index} away without a replacement until it is brought back. */
  void takeTaskManagerDown(int index);

  /** Brings a TaskManager taken down back (a new process / pod); nothing if it is not down. */
  void bringTaskManagerBack(int index);

  /**
   * Takes all {@code count} TaskManagers away (a lost node pool) until they are brought back: by
   * default one after the other without pause; a platform with a TaskManager Deployment scales it
   * to zero.
   */
  default void takeAllTaskManagersDown(int count) {
    for (int index = 1; index <= count; index++) {
      takeTaskManagerDown(index);
    }
  }

  /** Brings back all {@code count} TaskManagers taken down by {@link #takeAllTaskManagersDown}. */
  default void bringAllTaskManagersBack(int count) {
    for (int index = 1; index <= count; index++) {
      bringTaskManagerBack(index);
    }
  }

  /**
   * When each process started and died, known even while Flink's REST API is down; only where the
   * harness supervises the processes itself.
   */
  Capability<ProcessEvents> processEvents();

  /** Stopping a process without killing it (SIGSTOP / SIGCONT), or why this cluster cannot. */
  Capability<ProcessFreezer> freezer();
}
