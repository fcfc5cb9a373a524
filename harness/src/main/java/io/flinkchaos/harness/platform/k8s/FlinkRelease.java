package io.flinkchaos.harness.platform.k8s;

import java.util.Map;

/**
 * The Flink a FlinkDeployment runs: its image, the operator's name for its version ({@code
 * spec.flinkVersion}, e.g. {@code v2_2}) and the S3 plugin jar its image ships (named in {@code
 * ENABLE_BUILT_IN_PLUGINS}, which must match the image exactly or its entrypoint exits).
 */
public record FlinkRelease(String image, String crdVersion, String s3PluginJar) {

  private static final String PLUGINS_ENV = "ENABLE_BUILT_IN_PLUGINS";

  /** Docker Hub's official image of {@code version} (major.minor.patch) on Java 17. */
  public static FlinkRelease official(String version) {
    String image = K8sSettings.officialImage(version);
    return new FlinkRelease(
        image, K8sSettings.crdFlinkVersion(version), K8sSettings.s3PluginJarFor(image));
  }

  /** What the run's settings give the harness's FlinkDeployments. */
  static FlinkRelease of(K8sSettings settings) {
    return new FlinkRelease(settings.flinkImage(), settings.flinkVersion(), settings.s3PluginJar());
  }

  /** What a rendered FlinkDeployment {@code spec} runs. */
  static FlinkRelease in(Map<String, Object> spec) {
    String plugins = MainContainer.of(spec).envValue(PLUGINS_ENV);
    return new FlinkRelease(
        Tree.string(spec, "image"), Tree.string(spec, "flinkVersion"), s3Jar(plugins));
  }

  /**
   * Puts this release into a FlinkDeployment {@code spec}: {@code image}, {@code flinkVersion}, and
   * the S3 plugin jar in {@code ENABLE_BUILT_IN_PLUGINS} where the main container names one (the
   * other plugins it lists stay).
   */
  void applyTo(Map<String, Object> spec) {
    if (image != null) {
      spec.put("image", image);
    }
    if (crdVersion != null) {
      spec.put("flinkVersion", crdVersion);
    }
    MainContainer container = MainContainer.of(spec);
    String plugins = container.envValue(PLUGINS_ENV);
    if (s3PluginJar != null && s3Jar(plugins) != null) {
      container.setEnv(
          PLUGINS_ENV, plugins.replaceAll("flink-s3-fs-hadoop-[^;]*\\.jar", s3PluginJar));
    }
  }

  private static String s3Jar(String plugins) {
    if (plugins == null) {
      return null;
    }
    for (String jar : plugins.split(";")) {
      if (jar.trim().startsWith("flink-s3-fs-hadoop-")) {
        return jar.trim();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return crdVersion + " (" + image + ")";
  }
}
