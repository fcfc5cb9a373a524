package io.flinkchaos.harness.platform.k8s;

import io.flinkchaos.harness.platform.FlinkProcess;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one Flink cluster's pods are found: the labels of its JobManager and TaskManager pods, the
 * Service of its REST port and the names of their Flink containers.
 *
 * @param jobManagers labels every JobManager pod carries (and no other pod)
 * @param taskManagers labels every TaskManager pod carries (and no other pod)
 * @param jobManagerContainer the container that runs the JobManager's JVM as PID 1
 * @param taskManagerContainer the container that runs a TaskManager's JVM as PID 1 (the standalone
 *     manifests of Flink's docs name it differently from the JobManager's)
 */
record PodLayout(
    Map<String, String> jobManagers,
    Map<String, String> taskManagers,
    String restService,
    String jobManagerContainer,
    String taskManagerContainer) {

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
        FlinkManifests.MAIN_CONTAINER,
        FlinkManifests.MAIN_CONTAINER);
  }

  /** The container whose PID 1 is {@code role}'s JVM. */
  String mainContainer(FlinkProcess.Role role) {
    return role == FlinkProcess.Role.JOB_MANAGER ? jobManagerContainer : taskManagerContainer;
  }

  /** {@code a=1,b=2}, sorted: a label selector as kubectl takes it. */
  static String selector(Map<String, String> labels) {
    return labels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
