package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parts of a standalone Flink cluster's manifests, found by what they do rather than by name:
 * the JobManager Deployment (its container runs {@code jobmanager}, the official image's argument),
 * the TaskManager Deployment ({@code taskmanager}), the ConfigMap the JobManager mounts holding
 * Flink's configuration file, and the Service selecting the JobManager's pods with the REST port.
 * Anything missing or ambiguous is a one-line error naming {@code source}.
 */
record StandaloneRoles(
    Deployment jobManager, Deployment taskManager, ConfigMap config, Service rest) {

  static final List<String> CONFIG_FILES = List.of("config.yaml", "flink-conf.yaml");
  static final int REST_PORT = 8081;

  /** The roles among {@code objects} (the same instances, to be changed in place). */
  static StandaloneRoles of(List<HasMetadata> objects, String source) {
    Deployment jobManager = deploymentRunning(objects, "jobmanager", source);
    return new StandaloneRoles(
        jobManager,
        deploymentRunning(objects, "taskmanager", source),
        mountedConfig(objects, jobManager, source),
        restService(objects, jobManager, source));
  }

  /** The name of Flink's configuration file in {@link #config()}. */
  String configFile() {
    return CONFIG_FILES.stream().filter(config.getData()::containsKey).findFirst().orElseThrow();
  }

  /** The one Deployment whose first container runs {@code role}; a one-line error otherwise. */
  static Deployment deploymentRunning(List<HasMetadata> objects, String role, String source) {
    List<Deployment> deployments =
        objects.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .filter(d -> runs(d, role))
            .toList();
    if (deployments.size() != 1) {
      throw new IllegalArgumentException(
          source
              + " needs exactly one Deployment whose container runs '"
              + role
              + "' (the official image's argument), found "
              + deployments.stream().map(d -> d.getMetadata().getName()).toList()
              + ": a standalone session cluster is one JobManager and one TaskManager Deployment");
    }
    return deployments.get(0);
  }

  private static boolean runs(Deployment deployment, String role) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    if (containers.isEmpty()) {
      return false;
    }
    Container main = containers.get(0);
    List<String> words = new ArrayList<>();
    if (main.getArgs() != null) {
      words.addAll(main.getArgs());
    }
    if (main.getCommand() != null) {
      words.addAll(main.getCommand());
    }
    return !words.isEmpty() && words.get(0).equals(role)
        || words.stream().anyMatch(w -> w.equals(role) || w.endsWith("/" + role + ".sh"));
  }

  /** The ConfigMap the JobManager mounts that holds Flink's configuration file. */
  private static ConfigMap mountedConfig(
      List<HasMetadata> objects, Deployment jobManager, String source) {
    Set<String> mounted =
        jobManager.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getConfigMap() != null)
            .map(v -> v.getConfigMap().getName())
            .collect(Collectors.toSet());
    return objects.stream()
        .filter(ConfigMap.class::isInstance)
        .map(ConfigMap.class::cast)
        .filter(c -> mounted.contains(c.getMetadata().getName()))
        .filter(
            c -> c.getData() != null && CONFIG_FILES.stream().anyMatch(c.getData()::containsKey))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    source
                        + ": the JobManager Deployment "
                        + jobManager.getMetadata().getName()
                        + " mounts no ConfigMap with "
                        + CONFIG_FILES
                        + " (mounted: "
                        + mounted
                        + "): the harness adds its storage paths there"));
  }

  /** The Service that selects the JobManager's pods and exposes its REST port. */
  private static Service restService(
      List<HasMetadata> objects, Deployment jobManager, String source) {
    Map<String, String> podLabels = jobManager.getSpec().getTemplate().getMetadata().getLabels();
    return objects.stream()
        .filter(Service.class::isInstance)
        .map(Service.class::cast)
        .filter(
            s ->
                s.getSpec().getSelector() != null
                    && podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet()))
        .filter(s -> s.getSpec().getPorts().stream().anyMatch(StandaloneRoles::isRest))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    source
                        + ": no Service selects the JobManager's pods "
                        + podLabels
                        + " with port "
                        + REST_PORT
                        + ": the harness reaches Flink's REST API through it"));
  }

  private static boolean isRest(ServicePort port) {
    return Integer.valueOf(REST_PORT).equals(port.getPort())
        || port.getTargetPort() != null
            && Integer.valueOf(REST_PORT).equals(port.getTargetPort().getIntVal());
  }
}
