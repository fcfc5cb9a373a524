package io.flinkchaos.harness.platform;

/**
 * Where Flink runs: {@code local} processes, {@code k3s}, or an existing cluster from a kubeconfig.
 * A platform starts its cluster lazily, reuses it across scenarios while the requested shape
 * matches, and stops everything it started on {@link #close()}.
 */
public interface Platform extends AutoCloseable {

  String name();

  /** A ready cluster of this shape, started on first use and reused afterwards. */
  FlinkCluster cluster(ClusterSpec spec);

  /** Stops everything; {@code keepEvidence} keeps logs and work files for inspection. */
  void close(boolean keepEvidence);

  @Override
  default void close() {
    close(false);
  }
}
