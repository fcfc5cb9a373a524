package io.flinkchaos.harness.platform.k8s;

import io.flinkchaos.harness.config.HarnessSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of the Kubernetes platforms ({@code -Dharness.k8s.*}, {@code -Dharness.k3s.image},
 * {@code -Dharness.kubeconfig}, {@code -Dharness.operator.version}), with their defaults in one
 * place. Every problem is one line saying what is wrong and what to do.
 */
public record K8sSettings(
    String namespace,
    String flinkImage,
    String flinkVersion,
    String s3PluginJar,
    String minioImage,
    String bucket,
    boolean awsStorage,
    String s3Region,
    String operatorVersion,
    String operatorImageRepository,
    String operatorImageTag,
    boolean installOperator,
    Optional<Path> deploymentYaml,
    Optional<Path> sessionJobYaml,
    Optional<Path> kubeconfig,
    Optional<String> context,
    String k3sImage,
    ClusterMode mode,
    KubernetesIntegration integration,
    DeploymentKind kind,
    Optional<Path> standaloneYaml,
    K8sTimeouts timeouts) {

  public static final String NAMESPACE = "harness.k8s.namespace";
  public static final String FLINK_IMAGE = "harness.k8s.flinkImage";
  public static final String FLINK_VERSION = "harness.k8s.flinkVersion";
  public static final String S3_PLUGIN_JAR = "harness.k8s.s3PluginJar";
  public static final String MINIO_IMAGE = "harness.k8s.minioImage";
  public static final String OPERATOR_VERSION = "harness.operator.version";
  public static final String OPERATOR_IMAGE = "harness.operator.image";
  public static final String OPERATOR_IMAGE_TAG = "harness.operator.imageTag";
  public static final String INSTALL_OPERATOR = "harness.k8s.installOperator";
  public static final String DEPLOYMENT_YAML = "harness.k8s.deployment";
  public static final String SESSION_JOB_YAML = "harness.k8s.sessionJob";
  public static final String KUBECONFIG = "harness.kubeconfig";
  public static final String CONTEXT = "harness.k8s.context";
  public static final String K3S_IMAGE = "harness.k3s.image";
  public static final String MODE = "harness.k8s.mode";
  public static final String INTEGRATION = "harness.k8s.integration";
  public static final String DEPLOYMENT_KIND = "harness.k8s.deployment-kind";
  public static final String STANDALONE_YAML = "harness.k8s.standalone";

  /**
   * The Flink version the run is built for ({@code -Dflink.version}, the root pom's, passed to the
   * scenarios): the default image and the FlinkDeployment's {@code flinkVersion} follow it.
   */
  public static final String CLUSTER_FLINK_VERSION = "flink.version";

  public static final String DEFAULT_CLUSTER_FLINK_VERSION = "1.20.3";

  /** Official image, pinned to a patch version so the S3 plugin jar name can be derived. */
  public static final String DEFAULT_FLINK_IMAGE = officialImage(DEFAULT_CLUSTER_FLINK_VERSION);

  private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+");

  /** The newest operator release that supports Flink 1.20 (1.15.0, 2026-05-07). */
  public static final String DEFAULT_OPERATOR_VERSION = "1.15.0";

  public static final String DEFAULT_MINIO_IMAGE =
      "quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z";
  public static final String DEFAULT_K3S_IMAGE = "rancher/k3s:v1.34.1-k3s1";
  public static final String DEFAULT_NAMESPACE = "flink-chaos";

  private static final Pattern FLINK_PATCH = Pattern.compile(":(\\d+\\.\\d+\\.\\d+)(?:-|$)");

  /** Reads the settings; {@code installOperatorDefault} differs between k3s and kubeconfig. */
  public static K8sSettings from(HarnessSettings settings, boolean installOperatorDefault) {
    String version = settings.get(CLUSTER_FLINK_VERSION, DEFAULT_CLUSTER_FLINK_VERSION).trim();
    String image = settings.get(FLINK_IMAGE, officialImage(version)).trim();
    String operatorVersion = settings.get(OPERATOR_VERSION, DEFAULT_OPERATOR_VERSION).trim();
    return new K8sSettings(
        settings.get(NAMESPACE, DEFAULT_NAMESPACE).trim(),
        image,
        settings.get(FLINK_VERSION, crdFlinkVersion(version)).trim(),
        settings.get(S3_PLUGIN_JAR, "").isBlank()
            ? s3PluginJarFor(image)
            : settings.get(S3_PLUGIN_JAR, "").trim(),
        settings.get(MINIO_IMAGE, DEFAULT_MINIO_IMAGE).trim(),
        settings.s3Bucket(),
        awsStorage(settings),
        settings.s3Region(),
        operatorVersion,
        settings.get(OPERATOR_IMAGE, "apache/flink-kubernetes-operator").trim(),
        settings.get(OPERATOR_IMAGE_TAG, operatorVersion).trim(),
        bool(settings, INSTALL_OPERATOR, installOperatorDefault),
        optionalFile(settings, DEPLOYMENT_YAML),
        optionalFile(settings, SESSION_JOB_YAML),
        optionalFile(settings, KUBECONFIG),
        Optional.of(settings.get(CONTEXT, "").trim()).filter(s -> !s.isEmpty()),
        settings.get(K3S_IMAGE, DEFAULT_K3S_IMAGE).trim(),
        ClusterMode.parse(settings.get(MODE, ClusterMode.SESSION.label())),
        KubernetesIntegration.parse(
            settings.get(INTEGRATION, KubernetesIntegration.NATIVE.label())),
        DeploymentKind.parse(settings.get(DEPLOYMENT_KIND, DeploymentKind.OPERATOR.label())),
        optionalFile(settings, STANDALONE_YAML),
        K8sTimeouts.DEFAULTS);
  }

  /** Docker Hub's official image of {@code version} on Java 17: {@code flink:2.2.1-java17}. */
  static String officialImage(String version) {
    return "flink:" + version + "-java17";
  }

  /**
   * The FlinkDeployment's {@code flinkVersion} for a Flink version: {@code v2_2} for 2.2.1, as the
   * operator's {@code FlinkVersion} enum names them (release-1.15.0: v1_13 … v1_20, v2_0 … v2_4).
   */
  static String crdFlinkVersion(String version) {
    Matcher m = MAJOR_MINOR.matcher(version);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "-D"
              + CLUSTER_FLINK_VERSION
              + "="
              + version
              + " is not a Flink version like 1.20.3: give major.minor.patch");
    }
    return "v" + m.group(1) + "_" + m.group(2);
  }

  /**
   * {@code flink-s3-fs-hadoop-1.20.3.jar} for {@code flink:1.20.3-java17}: the image's entrypoint
   * exits when the jar named in ENABLE_BUILT_IN_PLUGINS does not exist, so it must match exactly.
   */
  static String s3PluginJarFor(String image) {
    Matcher m = FLINK_PATCH.matcher(image);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "-D"
              + FLINK_IMAGE
              + "="
              + image
              + " has no patch version in its tag: pin one (e.g. flink:1.20.3-java17) or set -D"
              + S3_PLUGIN_JAR
              + "=flink-s3-fs-hadoop-<version>.jar");
    }
    return "flink-s3-fs-hadoop-" + m.group(1) + ".jar";
  }

  public K8sSettings withNamespace(String newNamespace) {
    return new K8sSettings(
        newNamespace,
        flinkImage,
        flinkVersion,
        s3PluginJar,
        minioImage,
        bucket,
        awsStorage,
        s3Region,
        operatorVersion,
        operatorImageRepository,
        operatorImageTag,
        installOperator,
        deploymentYaml,
        sessionJobYaml,
        kubeconfig,
        context,
        k3sImage,
        mode,
        integration,
        kind,
        standaloneYaml,
        timeouts);
  }

  public K8sSettings withTimeouts(K8sTimeouts newTimeouts) {
    return new K8sSettings(
        namespace,
        flinkImage,
        flinkVersion,
        s3PluginJar,
        minioImage,
        bucket,
        awsStorage,
        s3Region,
        operatorVersion,
        operatorImageRepository,
        operatorImageTag,
        installOperator,
        deploymentYaml,
        sessionJobYaml,
        kubeconfig,
        context,
        k3sImage,
        mode,
        integration,
        kind,
        standaloneYaml,
        newTimeouts);
  }

  public K8sSettings withMode(ClusterMode newMode, KubernetesIntegration newIntegration) {
    return new K8sSettings(
        namespace,
        flinkImage,
        flinkVersion,
        s3PluginJar,
        minioImage,
        bucket,
        awsStorage,
        s3Region,
        operatorVersion,
        operatorImageRepository,
        operatorImageTag,
        installOperator,
        deploymentYaml,
        sessionJobYaml,
        kubeconfig,
        context,
        k3sImage,
        newMode,
        newIntegration,
        kind,
        standaloneYaml,
        timeouts);
  }

  public K8sSettings withKind(DeploymentKind newKind) {
    return new K8sSettings(
        namespace,
        flinkImage,
        flinkVersion,
        s3PluginJar,
        minioImage,
        bucket,
        awsStorage,
        s3Region,
        operatorVersion,
        operatorImageRepository,
        operatorImageTag,
        installOperator,
        deploymentYaml,
        sessionJobYaml,
        kubeconfig,
        context,
        k3sImage,
        mode,
        integration,
        newKind,
        standaloneYaml,
        timeouts);
  }

  /**
   * {@code -Dharness.s3.endpoint=aws} (as on the local platform): bring your own S3. State and
   * output go to {@code -Dharness.s3.bucket} on AWS S3; the pods reach it with their own identity
   * (IRSA, Pod Identity), the harness with the AWS default credential chain. Unset: the in-cluster
   * MinIO.
   */
  private static boolean awsStorage(HarnessSettings settings) {
    String endpoint = settings.s3Endpoint();
    if (endpoint.isEmpty()) {
      return false;
    }
    if (!endpoint.equalsIgnoreCase("aws")) {
      throw new IllegalArgumentException(
          "-D"
              + HarnessSettings.S3_ENDPOINT
              + "="
              + endpoint
              + " is not supported on Kubernetes: use aws (your own S3, pods' own identity) or"
              + " leave it unset (in-cluster MinIO)");
    }
    if (settings.get(HarnessSettings.S3_BUCKET, "").isBlank()) {
      throw new IllegalArgumentException(
          "-D"
              + HarnessSettings.S3_ENDPOINT
              + "=aws needs your bucket: set -D"
              + HarnessSettings.S3_BUCKET
              + "=<bucket the pods' identity may write>");
    }
    return true;
  }

  private static boolean bool(HarnessSettings settings, String key, boolean fallback) {
    String value = settings.get(key, Boolean.toString(fallback)).trim().toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("-D" + key + "=" + value + ": use true or false");
    }
    return Boolean.parseBoolean(value);
  }

  private static Optional<Path> optionalFile(HarnessSettings settings, String key) {
    String value = settings.get(key, "").trim();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.startsWith("~/")) {
      value = System.getProperty("user.home") + value.substring(1);
    }
    Path path = Path.of(value);
    if (!path.isAbsolute()) {
      path = settings.projectDir().resolve(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "-D" + key + "=" + value + " does not name a file (looked at " + path + ")");
    }
    return Optional.of(path.normalize());
  }

  /** How long each Kubernetes wait may take; all waits are bounded by one of these. */
  public record K8sTimeouts(
      Duration deploy, Duration upgrade, Duration ready, Duration infrastructure) {

    public static final K8sTimeouts DEFAULTS =
        new K8sTimeouts(
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(10));
  }
}
