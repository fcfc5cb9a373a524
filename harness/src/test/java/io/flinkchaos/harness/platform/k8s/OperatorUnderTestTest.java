package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.config.HarnessSettings;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class OperatorUnderTestTest {

  private static OperatorUnderTest run(String... keyValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return OperatorUnderTest.of(new HarnessSettings(properties));
  }

  @Test
  void theLegThatInstallsTheReleaseInApplicationModeCarriesItsScenario() {
    assertThat(
            run(K8sSettings.OPERATOR_VERSION, "1.11.0", K8sSettings.MODE, "application")
                .whyNotApplicationModeOf("1.11.0"))
        .isEmpty();
  }

  @Test
  void anyOtherRunSaysWhatTheScenarioNeedsAndWhatItHas() {
    assertThat(run().whyNotApplicationModeOf("1.11.0"))
        .hasValue(
            "needs the operator 1.11.0 in application mode (-Dharness.operator.version=1.11.0"
                + " -Dharness.k8s.mode=application); this run has "
                + K8sSettings.DEFAULT_OPERATOR_VERSION
                + " in session mode");
    assertThat(
            run(K8sSettings.OPERATOR_VERSION, "1.11.0", K8sSettings.MODE, "session")
                .whyNotApplicationModeOf("1.11.0"))
        .isPresent();
    assertThat(
            run(K8sSettings.OPERATOR_VERSION, "1.12.1", K8sSettings.MODE, "application")
                .whyNotApplicationModeOf("1.11.0"))
        .isPresent();
  }
}
