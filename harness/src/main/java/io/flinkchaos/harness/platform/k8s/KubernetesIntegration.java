package io.flinkchaos.harness.platform.k8s;

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
    return SettingValue.label(this);
  }

  static KubernetesIntegration parse(String value) {
    return SettingValue.parse(
        values(), K8sSettings.INTEGRATION, value, "a FlinkDeployment spec.mode", i -> "");
  }
}
