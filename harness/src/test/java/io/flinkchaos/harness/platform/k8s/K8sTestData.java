package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.k8s.K8sSettings.K8sTimeouts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Settings, jobs and storage for the Kubernetes unit tests (no network, no cluster). */
final class K8sTestData {

  static final String NAMESPACE = "chaos-test";

  /** The run the tests' objects belong to. */
  static final RunId RUN = new RunId("r260512-143000-test");

  static final URI IN_CLUSTER_S3 = URI.create("http://minio.chaos-test.svc:9000");

  /** Short waits: the tests play the operator and answer within milliseconds. */
  /** Waits that should succeed at once against the mock; generous for a loaded 2-core machine. */
  static final K8sTimeouts SHORT =
      new K8sTimeouts(
          Duration.ofSeconds(20),
          Duration.ofSeconds(20),
          Duration.ofSeconds(20),
          Duration.ofSeconds(20));

  private K8sTestData() {}

  static K8sSettings settings(Map<String, String> overrides) {
    Properties properties = new Properties();
    properties.setProperty(K8sSettings.NAMESPACE, NAMESPACE);
    overrides.forEach(properties::setProperty);
    return K8sSettings.from(new HarnessSettings(properties), true).withTimeouts(SHORT);
  }

  static K8sSettings settings() {
    return settings(Map.of());
  }

  /** Creates a pod with Flink's native Kubernetes labels {@code app} and {@code component}. */
  static void pod(KubernetesClient client, String name, String app, String component) {
    client
        .pods()
        .inNamespace(NAMESPACE)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .addToLabels("app", app)
                .addToLabels("component", component)
                .endMetadata()
                .build())
        .create();
  }

  /** A pod with Flink's native labels and, as the kubelet reports it, its IP. */
  static void pod(
      KubernetesClient client, String name, String app, String component, String podIp) {
    client
        .pods()
        .inNamespace(NAMESPACE)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .addToLabels("app", app)
                .addToLabels("component", component)
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .withPodIP(podIp)
                .endStatus()
                .build())
        .create();
  }

  static List<String> podNames(KubernetesClient client) {
    return client.pods().inNamespace(NAMESPACE).list().getItems().stream()
        .map(p -> p.getMetadata().getName())
        .sorted()
        .toList();
  }

  static JobSpec job(String version, int parallelism) {
    return new JobSpec(
        "sequence",
        version,
        Path.of("fixtures/jobs/target/flink-chaos-fixture-jobs.jar"),
        "io.flinkchaos.fixtures.SequenceJob",
        List.of("--version", version),
        parallelism,
        Map.of("execution.checkpointing.interval", "2 s"),
        false,
        null);
  }

  /**
   * S3 storage paths for rendering only. S3Storage's constructor checks the bucket, so rendering
   * tests use this fake instead, named as one.
   */
  static io.flinkchaos.harness.platform.Storage fakeS3Storage() {
    return new FakeS3Storage();
  }

  /** Fake: S3 paths under s3://flink-chaos/run/cluster-1, no S3 behind it. */
  /**
   * The harness's application-mode jobs over {@code client} (a mock server), with the harness's own
   * manifests (native integration) and {@code jarUri} naming each job's jar.
   */
  static ApplicationJobs applicationJobs(
      KubernetesClient client,
      String cluster,
      java.util.function.BiFunction<FlinkManifests, JobSpec, String> jarUri,
      java.util.function.Consumer<String> deploymentChanged) {
    FlinkManifests manifests =
        new FlinkManifests(
            settings().withMode(ClusterMode.APPLICATION, KubernetesIntegration.NATIVE),
            RUN.labels());
    return new ApplicationJobs(
        client,
        NAMESPACE,
        cluster,
        (name, job, initial, mode) ->
            manifests.applicationCluster(
                name,
                io.flinkchaos.harness.platform.ClusterSpec.of(2),
                fakeS3Storage(),
                IN_CLUSTER_S3,
                InClusterMinio.SECRET,
                job,
                jarUri.apply(manifests, job),
                initial,
                mode),
        deploymentChanged,
        SessionJobsTest.PATIENT);
  }

  static final class FakeS3Storage implements io.flinkchaos.harness.platform.Storage {
    @Override
    public String kind() {
      return "s3";
    }

    @Override
    public URI checkpoints() {
      return URI.create("s3://flink-chaos/run/cluster-1/checkpoints");
    }

    @Override
    public URI savepoints() {
      return URI.create("s3://flink-chaos/run/cluster-1/savepoints");
    }

    @Override
    public URI newOutputLocation(String name) {
      return URI.create("s3://flink-chaos/run/cluster-1/output/" + name);
    }

    @Override
    public io.flinkchaos.harness.check.CommittedOutput committedOutput(URI location) {
      throw new UnsupportedOperationException("fake storage: no S3 behind it");
    }

    @Override
    public URI highAvailability() {
      return URI.create("s3://flink-chaos/run/cluster-1/ha");
    }

    @Override
    public Map<String, String> flinkConfiguration() {
      // What S3Storage returns for a port-forwarded MinIO: the harness-side endpoint.
      return Map.of(
          "s3.endpoint", "http://127.0.0.1:40000",
          "s3.path.style.access", "true",
          "s3.directory.marker.retention", "keep");
    }

    @Override
    public Map<String, String> processEnvironment() {
      return Map.of("AWS_ACCESS_KEY_ID", "key", "AWS_SECRET_ACCESS_KEY", "secret");
    }

    @Override
    public String restorePath(String snapshotPath) {
      return snapshotPath.endsWith("/_metadata") ? snapshotPath : snapshotPath + "/_metadata";
    }
  }
}
