package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.flinkchaos.harness.platform.FlinkCluster;
import java.time.Duration;
import java.util.List;

/**
 * A Flink cluster a Kubernetes platform started: run by the operator ({@link
 * KubernetesFlinkCluster}) or standalone ({@link StandaloneFlinkCluster}).
 */
public interface KubernetesCluster extends FlinkCluster, AutoCloseable {

  /** Waits, at most {@code atMost}, until the cluster is usable with its TaskManagers. */
  void awaitReady(Duration atMost);

  /** The JobManager and TaskManager pods running now. */
  List<Pod> flinkPods();

  /** Deletes what the cluster is made of. */
  @Override
  void close();
}
