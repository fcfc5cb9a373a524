package io.flinkchaos.harness.platform;

/**
 * The shape of the Flink session cluster a scenario asks for. {@code separateNetworks}: each
 * process on a network of its own, so the links between them can be cut (network namespaces
 * locally; every pod has its own on Kubernetes). {@code flinkVersion}: another Flink version than
 * the run's ({@code -Dflink.version}), one of those the build prepared; null for the run's.
 */
public record ClusterSpec(
    int taskManagers,
    int slotsPerTaskManager,
    boolean highAvailability,
    boolean separateNetworks,
    String flinkVersion) {

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

  public ClusterSpec(
      int taskManagers,
      int slotsPerTaskManager,
      boolean highAvailability,
      boolean separateNetworks) {
    this(taskManagers, slotsPerTaskManager, highAvailability, separateNetworks, null);
  }

  public ClusterSpec(int taskManagers, int slotsPerTaskManager, boolean highAvailability) {
    this(taskManagers, slotsPerTaskManager, highAvailability, false);
  }

  public static ClusterSpec of(int taskManagers) {
    return new ClusterSpec(taskManagers, DEFAULT_SLOTS, false);
  }

  public ClusterSpec withHighAvailability(boolean enabled) {
    return new ClusterSpec(
        taskManagers, slotsPerTaskManager, enabled, separateNetworks, flinkVersion);
  }

  public ClusterSpec withSlots(int slots) {
    return new ClusterSpec(taskManagers, slots, highAvailability, separateNetworks, flinkVersion);
  }

  public ClusterSpec withSeparateNetworks(boolean enabled) {
    return new ClusterSpec(
        taskManagers, slotsPerTaskManager, highAvailability, enabled, flinkVersion);
  }

  /** The same shape on another Flink version; null: the version the run was built for. */
  public ClusterSpec withFlinkVersion(String version) {
    return new ClusterSpec(
        taskManagers, slotsPerTaskManager, highAvailability, separateNetworks, version);
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
        + (highAvailability ? ", HA" : "")
        + (separateNetworks ? ", separate networks" : "")
        + (flinkVersion != null ? ", Flink " + flinkVersion : "");
  }
}
