package io.flinkchaos.harness.platform;

/** The shape of the Flink session cluster a scenario asks for. */
public record ClusterSpec(int taskManagers, int slotsPerTaskManager, boolean highAvailability) {

  public static final int DEFAULT_SLOTS = 2;

  public ClusterSpec {
    if (taskManagers < 1 || taskManagers > 8) {
      throw new IllegalArgumentException(
          "a cluster needs 1 to 8 TaskManagers on this harness, got " + taskManagers);
    }
    if (slotsPerTaskManager < 1 || slotsPerTaskManager > 8) {
      throw new IllegalArgumentException(
          "slots per TaskManager must be 1 to 8, got " + slotsPerTaskManager);
    }
  }

  public static ClusterSpec of(int taskManagers) {
    return new ClusterSpec(taskManagers, DEFAULT_SLOTS, false);
  }

  public ClusterSpec withHighAvailability(boolean enabled) {
    return new ClusterSpec(taskManagers, slotsPerTaskManager, enabled);
  }

  public ClusterSpec withSlots(int slots) {
    return new ClusterSpec(taskManagers, slots, highAvailability);
  }

  public int totalSlots() {
    return taskManagers * slotsPerTaskManager;
  }

  @Override
  public String toString() {
    return taskManagers
        + " TaskManagers x "
        + slotsPerTaskManager
        + " slots"
        + (highAvailability ? ", HA" : "");
  }
}
