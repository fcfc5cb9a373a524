package io.flinkchaos.harness.platform;

import io.flinkchaos.harness.kafka.KafkaService;
import java.util.Optional;

/**
 * Where Flink runs: {@code local} processes, {@code k3s}, or an existing cluster from a kubeconfig.
 * A platform starts its cluster lazily, reuses it across scenarios while the requested shape
 * matches, and stops everything it started on {@link #close()}.
 */
public interface Platform extends AutoCloseable {

  String name();

  /** A ready cluster of this shape, started on first use and reused afterwards. */
  FlinkCluster cluster(ClusterSpec spec);

  /** The cluster running now, if any; never starts one. */
  Optional<FlinkCluster> runningCluster();

  /**
   * Stops the running cluster, if any, so the next {@link #cluster(ClusterSpec)} starts a fresh one
   * (e.g. a job the last scenario could not cancel is still on it); logs {@code reason}.
   */
  void discardCluster(String reason);

  /**
   * Why this platform's clusters have no Kubernetes control plane (operator, kubelet), known before
   * any cluster starts; empty when they have one.
   */
  Optional<String> controlPlaneMissing();

  /**
   * The Kafka the Kafka pipeline reads and writes: the user's ({@code -Dharness.kafka.bootstrap})
   * or one the platform starts on first use and stops on {@link #close()}; or why there is none.
   */
  Capability<KafkaService> kafka();

  /**
   * The Flink Kubernetes Operator's version as the harness installed it (or upgraded it to); empty
   * where there is no operator or the harness did not install it.
   */
  default Optional<String> operatorVersion() {
    return Optional.empty();
  }

  /** Stops everything; {@code keepEvidence} keeps logs and work files for inspection. */
  void close(boolean keepEvidence);

  @Override
  default void close() {
    close(false);
  }
}
