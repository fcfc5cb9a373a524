package io.flinkchaos.harness.platform.k8s;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one Flink cluster's pods are found: the labels of its JobManager and TaskManager pods, the
 * Service of its REST port and the name of its Flink container.
 *
 * @param jobManagers labels every JobManager pod carries (and no other pod)
 * @param taskManagers labels every TaskManager pod carries (and no other pod)
 */
record PodLayout(
    Map<String, String> jobManagers,
    Map<String, String> taskManagers,
    String restService,
    String mainContainer) {

  PodLayout {
    jobManagers = Map.copyOf(jobManagers);
    taskManagers = Map.copyOf(taskManagers);
  }

  /**
   * A FlinkDeployment's pods: {@code app=<name>,component=jobmanager|taskmanager} (Flink's native
   * Kubernetes integration, and the operator's standalone mode, set both), REST at {@code
   * <name>-rest}, container {@code flink-main-container}.
   */
  static PodLayout ofFlinkDeployment(String name) {
    return new PodLayout(
        Map.of("app", name, "component", "jobmanager"),
        Map.of("app", name, "component", "taskmanager"),
        name + "-rest",
        FlinkManifests.MAIN_CONTAINER);
  }

  /** {@code a=1,b=2}, sorted: a label selector as kubectl takes it. */
  static String selector(Map<String, String> labels) {
    return labels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
