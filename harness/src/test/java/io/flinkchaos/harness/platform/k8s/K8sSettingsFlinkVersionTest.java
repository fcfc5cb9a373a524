package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.config.HarnessSettings;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** On Kubernetes the image and the FlinkDeployment's flinkVersion follow -Dflink.version. */
class K8sSettingsFlinkVersionTest {

  private static K8sSettings with(String... keysAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return K8sSettings.from(new HarnessSettings(properties), true);
  }

  @Test
  void withoutAVersionTheRunIsOnFlink1203() {
    K8sSettings settings = with();

    assertThat(settings.flinkImage()).isEqualTo("flink:1.20.3-java17");
    assertThat(settings.flinkVersion()).isEqualTo("v1_20");
    assertThat(settings.s3PluginJar()).isEqualTo("flink-s3-fs-hadoop-1.20.3.jar");
  }

  @Test
  void aFlink2VersionTakesItsImageItsCrdVersionAndItsImagesS3Plugin() {
    K8sSettings settings = with(K8sSettings.CLUSTER_FLINK_VERSION, "2.2.1");

    assertThat(settings.flinkImage()).isEqualTo("flink:2.2.1-java17");
    assertThat(settings.flinkVersion()).isEqualTo("v2_2");
    assertThat(settings.s3PluginJar()).isEqualTo("flink-s3-fs-hadoop-2.2.1.jar");
  }

  @Test
  void anImageOrCrdVersionGivenExplicitlyWins() {
    K8sSettings settings =
        with(
            K8sSettings.CLUSTER_FLINK_VERSION, "2.1.1",
            K8sSettings.FLINK_IMAGE, "registry.example/flink:2.1.1-custom",
            K8sSettings.FLINK_VERSION, "v2_1");

    assertThat(settings.flinkImage()).isEqualTo("registry.example/flink:2.1.1-custom");
    assertThat(settings.flinkVersion()).isEqualTo("v2_1");
  }

  @Test
  void aVersionThatIsNotMajorMinorPatchIsOneLine() {
    assertThatThrownBy(() -> with(K8sSettings.CLUSTER_FLINK_VERSION, "2.2"))
        .hasMessage(
            "-Dflink.version=2.2 is not a Flink version like 1.20.3: give major.minor.patch");
  }
}
