package io.flinkchaos.harness.platform.k8s;

/**
 * Who runs Flink on Kubernetes ({@code -Dharness.k8s.deployment-kind}): the Flink Kubernetes
 * Operator (FlinkDeployment, FlinkSessionJob), or nobody: a standalone session cluster from the
 * team's own manifests (JobManager and TaskManager Deployments, Services, a ConfigMap), where jobs
 * are submitted and upgraded over Flink's REST API and Kubernetes only restarts pods.
 */
public enum DeploymentKind {
  OPERATOR,
  STANDALONE;

  public String label() {
    return SettingValue.label(this);
  }

  static DeploymentKind parse(String value) {
    return SettingValue.parse(
        values(),
        K8sSettings.DEPLOYMENT_KIND,
        value,
        "a deployment kind",
        k ->
            k == OPERATOR
                ? " (the Flink Kubernetes Operator runs Flink)"
                : " (your own JobManager and TaskManager Deployments, no operator)");
  }
}
