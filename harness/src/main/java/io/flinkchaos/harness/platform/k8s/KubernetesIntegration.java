package io.flinkchaos.harness.platform.k8s;

import java.util.Arrays;
import java.util.Locale;

/**
 * The FlinkDeployment's {@code spec.mode} ({@code -Dharness.k8s.integration}): {@code native}
 * (Flink's ResourceManager creates each TaskManager pod) or {@code standalone} (the operator
 * creates a TaskManager Deployment of {@code spec.taskManager.replicas} pods; Flink never talks to
 * the API server).
 */
public enum KubernetesIntegration {
  NATIVE,
  STANDALONE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static KubernetesIntegration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(m -> m.label().equals(v))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "-D"
                        + K8sSettings.INTEGRATION
                        + "="
                        + value
                        + " is not a FlinkDeployment spec.mode: use native or standalone"));
  }
}
