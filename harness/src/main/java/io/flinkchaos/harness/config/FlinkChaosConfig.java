package io.flinkchaos.harness.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A team's {@code flink-chaos.yaml}, as typed values. Each key stands for one harness setting (the
 * {@code -D} property named in {@link #toProperties}); a {@code -D} property overrides it. Relative
 * paths resolve against the file's directory, so a run does not depend on the working directory.
 */
public record FlinkChaosConfig(
    PlatformName platform,
    StorageKind storage,
    @JsonProperty("flink-version") String flinkVersion,
    @JsonProperty("flink-upgrade-to") String flinkUpgradeTo,
    String features,
    String tags,
    @JsonProperty("reports-dir") String reportsDir,
    @JsonProperty("work-dir") String workDir,
    @JsonProperty("keep-work-dirs") Integer keepWorkDirs,
    @JsonProperty("fault-seed") Long faultSeed,
    Map<String, Job> jobs,
    Kubernetes kubernetes,
    Operator operator,
    S3 s3,
    Kafka kafka) {

  /** Where Flink runs. */
  public enum PlatformName {
    @JsonProperty("local")
    LOCAL,
    @JsonProperty("k3s")
    K3S,
    @JsonProperty("kubeconfig")
    KUBECONFIG
  }

  /** Where checkpoints, savepoints, HA data and output live. */
  public enum StorageKind {
    @JsonProperty("file")
    FILE,
    @JsonProperty("s3")
    S3
  }

  /** A team's job, named in scenarios by its key under {@code jobs:}. */
  public record Job(String jar, @JsonProperty("entry-class") String entryClass, String arguments) {}

  /** The Kubernetes platforms' settings, among them the team's own custom resources. */
  public record Kubernetes(
      String kubeconfig,
      String context,
      String namespace,
      String mode,
      String integration,
      @JsonProperty("deployment-kind") String deploymentKind,
      @JsonProperty("flink-deployment") String flinkDeployment,
      @JsonProperty("flink-session-job") String flinkSessionJob,
      @JsonProperty("standalone-manifests") String standaloneManifests,
      @JsonProperty("flink-image") String flinkImage,
      @JsonProperty("s3-plugin-jar") String s3PluginJar,
      @JsonProperty("minio-image") String minioImage,
      @JsonProperty("k3s-image") String k3sImage,
      @JsonProperty("delete-runs-older-than") String deleteRunsOlderThan) {}

  /** The Flink Kubernetes Operator the harness installs or finds. */
  public record Operator(
      String version,
      String image,
      @JsonProperty("image-tag") String imageTag,
      Boolean install,
      String namespace,
      @JsonProperty("cert-manager") Boolean certManager,
      @JsonProperty("upgrade-to") String upgradeTo) {}

  /** An S3 store instead of the embedded one. */
  public record S3(String endpoint, String bucket, String region) {}

  /** A Kafka cluster the team runs instead of the platform's broker. */
  public record Kafka(String bootstrap) {}

  /** The settings as harness properties, relative paths resolved against {@code baseDir}. */
  public Map<String, String> toProperties(Path baseDir) {
    Values values = new Values(baseDir);
    values.put(HarnessSettings.PLATFORM, platform == null ? null : label(platform));
    values.put(HarnessSettings.STORAGE, storage == null ? null : label(storage));
    values.put(HarnessSettings.FLINK_VERSION, flinkVersion);
    values.put(HarnessSettings.FLINK_UPGRADE_TO, flinkUpgradeTo);
    values.path(HarnessSettings.FEATURES, features);
    values.put(HarnessSettings.TAGS, tags);
    values.path(HarnessSettings.REPORTS_DIR, reportsDir);
    values.path(HarnessSettings.WORK_DIR, workDir);
    values.put(HarnessSettings.KEEP_WORK_DIRS, keepWorkDirs);
    values.put(HarnessSettings.FAULT_SEED, faultSeed);
    // the existing step's jar paths ("the job from jar ...") resolve against the team's repository
    values.put(HarnessSettings.PROJECT_DIR, baseDir.toString());
    if (jobs != null) {
      jobs.forEach(
          (name, job) -> {
            values.path(HarnessSettings.jobKey(name, "jar"), job == null ? null : job.jar());
            values.put(
                HarnessSettings.jobKey(name, "entry-class"), job == null ? null : job.entryClass());
            values.put(
                HarnessSettings.jobKey(name, "arguments"), job == null ? null : job.arguments());
          });
    }
    if (kubernetes != null) {
      values.path("harness.kubeconfig", kubernetes.kubeconfig());
      values.put("harness.k8s.context", kubernetes.context());
      values.put("harness.k8s.namespace", kubernetes.namespace());
      values.put("harness.k8s.mode", kubernetes.mode());
      values.put("harness.k8s.integration", kubernetes.integration());
      values.put("harness.k8s.deployment-kind", kubernetes.deploymentKind());
      values.path("harness.k8s.deployment", kubernetes.flinkDeployment());
      values.path("harness.k8s.sessionJob", kubernetes.flinkSessionJob());
      values.path("harness.k8s.standalone", kubernetes.standaloneManifests());
      values.put("harness.k8s.flinkImage", kubernetes.flinkImage());
      values.put("harness.k8s.s3PluginJar", kubernetes.s3PluginJar());
      values.put("harness.k8s.minioImage", kubernetes.minioImage());
      values.put("harness.k3s.image", kubernetes.k3sImage());
      values.put("harness.k8s.deleteRunsOlderThan", kubernetes.deleteRunsOlderThan());
    }
    if (operator != null) {
      values.put("harness.operator.version", operator.version());
      values.put("harness.operator.image", operator.image());
      values.put("harness.operator.imageTag", operator.imageTag());
      values.put("harness.k8s.installOperator", operator.install());
      values.put("harness.operator.namespace", operator.namespace());
      values.put("harness.operator.certManager", operator.certManager());
      values.put(HarnessSettings.OPERATOR_UPGRADE_TO, operator.upgradeTo());
    }
    if (s3 != null) {
      values.put(HarnessSettings.S3_ENDPOINT, s3.endpoint());
      values.put(HarnessSettings.S3_BUCKET, s3.bucket());
      values.put(HarnessSettings.S3_REGION, s3.region());
    }
    if (kafka != null) {
      values.put(HarnessSettings.KAFKA_BOOTSTRAP, kafka.bootstrap());
    }
    return values.map;
  }

  private static String label(Enum<?> value) {
    return value.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The keys set so far; unset (null) values are left out, so lower layers apply. */
  private static final class Values {
    private final Path baseDir;
    private final Map<String, String> map = new LinkedHashMap<>();

    Values(Path baseDir) {
      this.baseDir = baseDir;
    }

    void put(String key, Object value) {
      if (value != null) {
        map.put(key, value.toString());
      }
    }

    /** A file or directory; {@code ~/...} and URIs ({@code local:///...}) are kept as written. */
    void path(String key, String value) {
      if (value == null || value.isBlank()) {
        return;
      }
      String trimmed = value.trim();
      boolean asWritten = trimmed.startsWith("~") || trimmed.contains("://");
      map.put(key, asWritten ? trimmed : baseDir.resolve(trimmed).normalize().toString());
    }
  }
}
