package io.flinkchaos.harness.platform.k8s;

/**
 * How the harness runs each job on Kubernetes ({@code -Dharness.k8s.mode}): in a session cluster
 * (one FlinkDeployment without a job, a FlinkSessionJob per job), or in application mode (the job
 * is the FlinkDeployment's {@code spec.job}, one FlinkDeployment per deployed job).
 */
public enum ClusterMode {
  SESSION,
  APPLICATION;

  public String label() {
    return SettingValue.label(this);
  }

  static ClusterMode parse(String value) {
    return SettingValue.parse(
        values(),
        K8sSettings.MODE,
        value,
        "a mode",
        m ->
            m == SESSION
                ? " (FlinkSessionJobs in a session cluster)"
                : " (the job in the FlinkDeployment's spec.job)");
  }
}
