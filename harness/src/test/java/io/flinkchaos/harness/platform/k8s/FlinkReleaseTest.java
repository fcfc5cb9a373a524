package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Flink a FlinkDeployment runs: image, the operator's version name, the S3 plugin jar. */
class FlinkReleaseTest {

  @Test
  void theOfficialReleaseOfAVersion() {
    assertThat(FlinkRelease.official("2.1.1"))
        .isEqualTo(new FlinkRelease("flink:2.1.1-java17", "v2_1", "flink-s3-fs-hadoop-2.1.1.jar"));
  }

  @Test
  void applyingAReleaseReplacesTheS3JarAndKeepsTheOtherPlugins() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("image", "flink:1.20.3-java17");
    spec.put("flinkVersion", "v1_20");
    MainContainer.of(spec)
        .setEnv(
            "ENABLE_BUILT_IN_PLUGINS",
            "flink-s3-fs-hadoop-1.20.3.jar;flink-azure-fs-hadoop-1.20.3.jar");

    FlinkRelease.official("2.2.1").applyTo(spec);

    assertThat(FlinkRelease.in(spec)).isEqualTo(FlinkRelease.official("2.2.1"));
    assertThat(MainContainer.of(spec).envValue("ENABLE_BUILT_IN_PLUGINS"))
        .isEqualTo("flink-s3-fs-hadoop-2.2.1.jar;flink-azure-fs-hadoop-1.20.3.jar");
  }

  @Test
  void aDeploymentWithoutTheS3PluginGetsNoneAdded() {
    Map<String, Object> spec = new LinkedHashMap<>();

    FlinkRelease.official("2.0.0").applyTo(spec);

    assertThat(spec).containsEntry("image", "flink:2.0.0-java17");
    assertThat(MainContainer.of(spec).envValue("ENABLE_BUILT_IN_PLUGINS")).isNull();
  }
}
