package io.flinkchaos.harness.platform;

/**
 * Cutting a cluster off its object store for a while, as an S3 stall or outage does; the store
 * keeps its data. One outage at a time; {@link #restore()} ends whichever is in force.
 */
public interface StorageOutages {

  /** Requests hang: connections are accepted and never answered (the store is frozen). */
  void stopAnswering();

  /** New connections are refused and open ones reset, until {@link #restore()}. */
  void refuseConnections();

  /** The store answers again; nothing if no outage is in force. */
  void restore();
}
