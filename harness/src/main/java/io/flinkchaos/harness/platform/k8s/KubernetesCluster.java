package io.flinkchaos.harness.platform.k8s;

import io.flinkchaos.harness.platform.FlinkCluster;
import java.time.Duration;

/**
 * A Flink cluster a Kubernetes platform started: run by the operator ({@link
 * KubernetesFlinkCluster}) or standalone ({@link StandaloneFlinkCluster}).
 */
public interface KubernetesCluster extends FlinkCluster, AutoCloseable {

  /** Waits, at most {@code atMost}, until the cluster is usable with its TaskManagers. */
  void awaitReady(Duration atMost);

  /** Deletes what the cluster is made of. */
  @Override
  void close();
}
