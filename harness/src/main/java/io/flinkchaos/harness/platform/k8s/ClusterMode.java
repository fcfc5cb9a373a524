package io.flinkchaos.harness.platform.k8s;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the harness runs each job on Kubernetes ({@code -Dharness.k8s.mode}): in a session cluster
 * (one FlinkDeployment without a job, a FlinkSessionJob per job), or in application mode (the job
 * is the FlinkDeployment's {@code spec.job}, one FlinkDeployment per deployed job).
 */
public enum ClusterMode {
  SESSION,
  APPLICATION;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ClusterMode parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(m -> m.label().equals(v))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "-D"
                        + K8sSettings.MODE
                        + "="
                        + value
                        + " is not a mode: use session (FlinkSessionJobs in a session cluster) or"
                        + " application (the job in the FlinkDeployment's spec.job)"));
  }
}
