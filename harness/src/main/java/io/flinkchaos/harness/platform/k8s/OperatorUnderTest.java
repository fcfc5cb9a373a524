package io.flinkchaos.harness.platform.k8s;

import io.flinkchaos.harness.config.HarnessSettings;
import java.util.Optional;

/**
 * The operator release and mode a run puts under test ({@code -Dharness.operator.version}, {@code
 * -Dharness.k8s.mode}), for scenarios about one release's bug: such a scenario runs only on the
 * nightly leg that installs that release, and says on every other run why it does not.
 */
public record OperatorUnderTest(String version, ClusterMode mode) {

  /** As the Kubernetes platform reads them ({@link K8sSettings#from}). */
  public static OperatorUnderTest of(HarnessSettings settings) {
    K8sSettings k8s = K8sSettings.from(settings, false);
    return new OperatorUnderTest(k8s.operatorVersion(), k8s.mode());
  }

  /**
   * Why this run cannot carry a scenario about {@code wanted} in application mode, if it cannot.
   */
  public Optional<String> whyNotApplicationModeOf(String wanted) {
    if (version.equals(wanted) && mode == ClusterMode.APPLICATION) {
      return Optional.empty();
    }
    return Optional.of(
        "needs the operator "
            + wanted
            + " in application mode (-D"
            + K8sSettings.OPERATOR_VERSION
            + "="
            + wanted
            + " -D"
            + K8sSettings.MODE
            + "=application); this run has "
            + version
            + " in "
            + mode.label()
            + " mode");
  }
}
