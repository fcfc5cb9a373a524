package io.flinkchaos.harness.platform.k8s;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code flink-main-container} of a FlinkDeployment's pod template, as the generic resource's
 * nested maps: the operator merges it into the JobManager and TaskManager pods.
 */
final class MainContainer {

  static final String NAME = "flink-main-container";

  private final Map<String, Object> container;

  private MainContainer(Map<String, Object> container) {
    this.container = container;
  }

  /**
   * The main container of the FlinkDeployment {@code spec}, added (with its pod template) if
   * absent.
   */
  @SuppressWarnings("unchecked")
  static MainContainer of(Map<String, Object> spec) {
    Map<String, Object> podTemplate = Tree.map(spec, "podTemplate");
    podTemplate.putIfAbsent("apiVersion", "v1");
    podTemplate.putIfAbsent("kind", "Pod");
    List<Object> containers = Tree.list(Tree.map(podTemplate, "spec"), "containers");
    for (Object c : containers) {
      if (c instanceof Map && NAME.equals(((Map<String, Object>) c).get("name"))) {
        return new MainContainer((Map<String, Object>) c);
      }
    }
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", NAME);
    containers.add(container);
    return new MainContainer(container);
  }

  /** Whether the container sets any of {@code names} in its env. */
  @SuppressWarnings("unchecked")
  boolean setsEnv(List<String> names) {
    return Tree.list(container, "env").stream()
        .anyMatch(e -> e instanceof Map && names.contains(((Map<String, ?>) e).get("name")));
  }

  /** The plain value of env {@code name}, or null (unset, or from a reference). */
  @SuppressWarnings("unchecked")
  String envValue(String name) {
    for (Object e : Tree.list(container, "env")) {
      if (e instanceof Map && name.equals(((Map<String, ?>) e).get("name"))) {
        Object value = ((Map<String, ?>) e).get("value");
        return value == null ? null : value.toString();
      }
    }
    return null;
  }

  /** Sets env {@code name} to {@code value} (replaced if present). */
  void setEnv(String name, String value) {
    setEnv(Map.of("name", name, "value", value));
  }

  @SuppressWarnings("unchecked")
  void removeEnv(List<String> names) {
    Tree.list(container, "env")
        .removeIf(e -> e instanceof Map && names.contains(((Map<String, ?>) e).get("name")));
  }

  /** The in-cluster MinIO's keys from Secret {@code secret}, as {@code secretKeyRef} env only. */
  void minioKeys(String secret) {
    setEnv(secretEnv("AWS_ACCESS_KEY_ID", secret, "accessKey"));
    setEnv(secretEnv("AWS_SECRET_ACCESS_KEY", secret, "secretKey"));
  }

  @SuppressWarnings("unchecked")
  private void setEnv(Map<String, Object> entry) {
    List<Object> env = Tree.list(container, "env");
    env.removeIf(
        e -> e instanceof Map && entry.get("name").equals(((Map<String, ?>) e).get("name")));
    env.add(new LinkedHashMap<>(entry));
  }

  private static Map<String, Object> secretEnv(String name, String secret, String key) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("name", secret);
    ref.put("key", key);
    return Map.of("name", name, "valueFrom", Map.of("secretKeyRef", ref));
  }
}
