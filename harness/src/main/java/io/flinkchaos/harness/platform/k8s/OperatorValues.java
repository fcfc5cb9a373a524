package io.flinkchaos.harness.platform.k8s;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Helm values the harness installs the Flink Kubernetes Operator chart with: pinned image, no
 * webhook (no cert-manager on a bare k3s), the watched namespaces, and the operator settings that
 * let it fetch job jars over http from the in-cluster MinIO (operator 1.15 allows only https from
 * public hosts by default). Older operators ignore the unknown artifact keys.
 */
public final class OperatorValues {

  /** Operator-level Flink configuration appended to the chart's {@code flink-conf.yaml}. */
  static final Map<String, String> OPERATOR_CONFIGURATION =
      orderedMap(
          // http: jars come from MinIO in the cluster; list values are split on ';'.
          "kubernetes.operator.user.artifacts.allowed-schemes", "https;http",
          // MinIO's ClusterIP is a site-local address, which 1.15 rejects by default.
          "kubernetes.operator.user.artifacts.disallow-restricted-hosts", "false",
          // Faster status updates than the 60 s default: a test run waits on them.
          "kubernetes.operator.reconcile.interval", "5 s",
          "kubernetes.operator.observer.progress-check.interval", "5 s");

  private OperatorValues() {}

  /**
   * Values for {@code flink-kubernetes-operator}: {@code webhook.create} only with cert-manager,
   * the operator image pinned to {@code imageRepository:imageTag}.
   */
  public static Map<String, Object> of(
      String imageRepository, String imageTag, List<String> watchNamespaces, boolean certManager) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(
        "image",
        orderedMap("repository", imageRepository, "tag", imageTag, "pullPolicy", "IfNotPresent"));
    values.put("webhook", Map.of("create", certManager));
    values.put("watchNamespaces", List.copyOf(watchNamespaces));
    StringBuilder conf = new StringBuilder();
    OPERATOR_CONFIGURATION.forEach((k, v) -> conf.append(k).append(": ").append(v).append('\n'));
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("create", true);
    defaults.put("append", true);
    defaults.put("flink-conf.yaml", conf.toString());
    values.put("defaultConfiguration", defaults);
    return values;
  }

  public static Map<String, Object> of(K8sSettings settings, boolean certManager) {
    return of(
        settings.operatorImageRepository(),
        settings.operatorImageTag(),
        List.of(settings.namespace()),
        certManager);
  }

  private static <V> Map<String, V> orderedMap(String k1, V v1, String k2, V v2, String k3, V v3) {
    Map<String, V> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    map.put(k3, v3);
    return map;
  }

  private static Map<String, String> orderedMap(
      String k1, String v1, String k2, String v2, String k3, String v3, String k4, String v4) {
    Map<String, String> map = orderedMap(k1, v1, k2, v2, k3, v3);
    map.put(k4, v4);
    return map;
  }
}
