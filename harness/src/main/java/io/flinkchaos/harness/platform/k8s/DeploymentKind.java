package io.flinkchaos.harness.platform.k8s;

import java.util.Arrays;
import java.util.Locale;

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
    return name().toLowerCase(Locale.ROOT);
  }

  static DeploymentKind parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(k -> k.label().equals(v))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "-D"
                        + K8sSettings.DEPLOYMENT_KIND
                        + "="
                        + value
                        + " is not a deployment kind: use operator (the Flink Kubernetes Operator"
                        + " runs Flink) or standalone (your own JobManager and TaskManager"
                        + " Deployments, no operator)"));
  }
}
