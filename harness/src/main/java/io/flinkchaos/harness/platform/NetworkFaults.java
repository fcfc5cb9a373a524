package io.flinkchaos.harness.platform;

import java.time.Duration;

/**
 * Cuts and slows the network links of a cluster's TaskManagers, and heals them: where the harness
 * reaches the network between the processes (network namespaces locally; on k3s the pods' own
 * network namespaces, entered from the node).
 */
public interface NetworkFaults {

  /**
   * Cuts TaskManager {@code taskManager} off from the JobManager (and, with ZooKeeper HA,
   * ZooKeeper) in both directions: packets on those links are dropped, established connections stay
   * open and stall. Its links to the other TaskManagers and to storage stay.
   */
  void partition(FlinkProcess taskManager);

  /** Restores what {@link #partition} cut; nothing if it is not cut. */
  void heal(FlinkProcess taskManager);

  /** The links {@link #partition} cuts, for the timeline and the verdict. */
  String linksCutBy(FlinkProcess taskManager);

  /** Adding latency to a TaskManager's links, or why this machine cannot. */
  Capability<LinkDelays> delays();

  /** Latency added to every packet a TaskManager sends or receives. */
  interface LinkDelays {

    /** Every packet to and from {@code taskManager} waits {@code each} more (both directions). */
    void delay(FlinkProcess taskManager, Duration each);

    /** Removes the added latency; nothing if there is none. */
    void restore(FlinkProcess taskManager);
  }
}
