package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkManifestsTest {

  private final FlinkManifests manifests = new FlinkManifests(K8sTestData.settings());

  private GenericKubernetesResource cluster(ClusterSpec spec) {
    return manifests.sessionCluster(
        "flink-chaos-1",
        spec,
        K8sTestData.fakeS3Storage(),
        K8sTestData.IN_CLUSTER_S3,
        InClusterMinio.SECRET);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> config(GenericKubernetesResource resource) {
    return (Map<String, Object>)
        Tree.get(resource.getAdditionalProperties(), "spec", "flinkConfiguration");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> env(GenericKubernetesResource resource) {
    List<Object> containers =
        (List<Object>)
            Tree.get(
                resource.getAdditionalProperties(), "spec", "podTemplate", "spec", "containers");
    Map<String, Object> main =
        (Map<String, Object>)
            containers.stream()
                .filter(
                    c ->
                        FlinkManifests.MAIN_CONTAINER.equals(((Map<String, Object>) c).get("name")))
                .findFirst()
                .orElseThrow();
    return (List<Map<String, Object>>) main.get("env");
  }

  @Test
  void sessionClusterFromTheTemplateHasTheRequestedShapeImageAndStorage() {
    GenericKubernetesResource deployment = cluster(new ClusterSpec(3, 2, true));

    assertThat(deployment.getApiVersion()).isEqualTo("flink.apache.org/v1beta1");
    assertThat(deployment.getKind()).isEqualTo("FlinkDeployment");
    assertThat(deployment.getMetadata().getName()).isEqualTo("flink-chaos-1");
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo(K8sTestData.NAMESPACE);
    assertThat(deployment.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "flink-chaos");
    Map<String, Object> root = deployment.getAdditionalProperties();
    assertThat(Tree.string(root, "spec", "image")).isEqualTo("flink:1.20.3-java17");
    assertThat(Tree.string(root, "spec", "flinkVersion")).isEqualTo("v1_20");
    assertThat(Tree.string(root, "spec", "serviceAccount")).isEqualTo("flink");
    assertThat(Tree.get(root, "spec", "job")).isNull();
    assertThat(Tree.string(root, "spec", "taskManager", "resource", "memory")).isEqualTo("1280m");
    assertThat(config(deployment))
        .containsEntry("taskmanager.numberOfTaskSlots", "2")
        .containsEntry("slotmanager.number-of-slots.min", "6")
        .containsEntry("high-availability.type", "kubernetes")
        .containsEntry("high-availability.storageDir", "s3://flink-chaos/run/cluster-1/ha")
        .containsEntry("execution.checkpointing.dir", "s3://flink-chaos/run/cluster-1/checkpoints")
        .containsEntry(
            "execution.checkpointing.savepoint-dir", "s3://flink-chaos/run/cluster-1/savepoints")
        // the in-cluster MinIO, not the harness's port-forward
        .containsEntry("s3.endpoint", "http://minio.chaos-test.svc:9000")
        .containsEntry("s3.path.style.access", "true")
        .doesNotContainKeys("s3.access-key", "s3.secret-key", "s3.access.key", "s3.secret.key");
    assertThat(env(deployment))
        .contains(
            Map.of("name", "ENABLE_BUILT_IN_PLUGINS", "value", "flink-s3-fs-hadoop-1.20.3.jar"));
  }

  @Test
  void credentialsReachThePodsOnlyThroughSecretKeyRefs() {
    GenericKubernetesResource deployment = cluster(ClusterSpec.of(2));

    assertThat(env(deployment))
        .filteredOn(e -> e.get("name").toString().startsWith("AWS_"))
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e).doesNotContainKey("value");
              assertThat(Tree.string(e, "valueFrom", "secretKeyRef", "name"))
                  .isEqualTo(InClusterMinio.SECRET);
            });
    assertThat(
            Tree.string(
                env(deployment).stream()
                    .filter(e -> e.get("name").equals("AWS_SECRET_ACCESS_KEY"))
                    .findFirst()
                    .orElseThrow(),
                "valueFrom",
                "secretKeyRef",
                "key"))
        .isEqualTo("secretKey");
    // The fake storage's secret ("secret") must not leak into the CR.
    assertThat(Serialization.asYaml(deployment))
        .doesNotContain("\"secret\"")
        .doesNotContain(": secret\n");
  }

  @Test
  void withoutHighAvailabilityTheHaKeysAreRemoved() {
    assertThat(config(cluster(ClusterSpec.of(1))))
        .doesNotContainKeys("high-availability.type", "high-availability.storageDir");
  }

  @Test
  void pluginJarFollowsThePinnedImageAndAFloatingTagIsRejectedInOneLine() {
    K8sSettings settings =
        K8sTestData.settings(Map.of(K8sSettings.FLINK_IMAGE, "flink:1.20.4-java17"));
    assertThat(settings.s3PluginJar()).isEqualTo("flink-s3-fs-hadoop-1.20.4.jar");

    assertThatThrownBy(() -> K8sTestData.settings(Map.of(K8sSettings.FLINK_IMAGE, "flink:1.20")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-Dharness.k8s.flinkImage=flink:1.20")
        .hasMessageContaining("-Dharness.k8s.s3PluginJar")
        .hasMessageNotContaining("\n");
    assertThat(
            K8sTestData.settings(
                    Map.of(
                        K8sSettings.FLINK_IMAGE,
                        "flink:1.20",
                        K8sSettings.S3_PLUGIN_JAR,
                        "flink-s3-fs-hadoop-1.20.3.jar"))
                .s3PluginJar())
        .isEqualTo("flink-s3-fs-hadoop-1.20.3.jar");
  }

  @Test
  void sessionJobCarriesTheJobSpecUpgradeModeAndInitialSavepoint() {
    GenericKubernetesResource job =
        manifests.sessionJob(
            "flink-chaos-1-sequence-1",
            "flink-chaos-1",
            K8sTestData.job("v1", 3),
            "http://minio.chaos-test.svc:9000/flink-chaos/jars/abc-fixture.jar",
            "s3://flink-chaos/sp/savepoint-1/_metadata",
            UpgradeMode.LAST_STATE);

    Map<String, Object> root = job.getAdditionalProperties();
    assertThat(job.getKind()).isEqualTo("FlinkSessionJob");
    assertThat(job.getMetadata().getNamespace()).isEqualTo(K8sTestData.NAMESPACE);
    assertThat(job.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "flink-chaos");
    assertThat(Tree.string(root, "spec", "deploymentName")).isEqualTo("flink-chaos-1");
    assertThat(Tree.string(root, "spec", "job", "jarURI"))
        .isEqualTo("http://minio.chaos-test.svc:9000/flink-chaos/jars/abc-fixture.jar");
    assertThat(Tree.string(root, "spec", "job", "entryClass"))
        .isEqualTo("io.flinkchaos.fixtures.SequenceJob");
    assertThat(Tree.get(root, "spec", "job", "args")).isEqualTo(List.of("--version", "v1"));
    assertThat(Tree.get(root, "spec", "job", "parallelism")).isEqualTo(3);
    assertThat(Tree.string(root, "spec", "job", "upgradeMode")).isEqualTo("last-state");
    assertThat(Tree.string(root, "spec", "job", "state")).isEqualTo("running");
    assertThat(Tree.get(root, "spec", "job", "allowNonRestoredState")).isEqualTo(false);
    assertThat(Tree.string(root, "spec", "job", "initialSavepointPath"))
        .isEqualTo("s3://flink-chaos/sp/savepoint-1/_metadata");
    assertThat(Tree.get(root, "spec", "flinkConfiguration"))
        .isEqualTo(Map.of("execution.checkpointing.interval", "2 s"));

    GenericKubernetesResource fresh =
        manifests.sessionJob(
            "j", "d", K8sTestData.job("v1", 1), "http://x/j.jar", null, UpgradeMode.SAVEPOINT);
    assertThat(Tree.get(fresh.getAdditionalProperties(), "spec", "job", "initialSavepointPath"))
        .isNull();
  }

  @Test
  void ownFlinkDeploymentKeepsItsImageAndGetsNamespaceLabelStorageAndCredentials(@TempDir Path dir)
      throws Exception {
    Path own = dir.resolve("my-deployment.yaml");
    Files.writeString(
        own,
        """
        apiVersion: flink.apache.org/v1beta1
        kind: FlinkDeployment
        metadata:
          name: my-session
          labels:
            team: data
        spec:
          image: registry.example/flink:1.20.3-custom
          flinkVersion: v1_20
          serviceAccount: my-flink
          flinkConfiguration:
            state.backend.type: rocksdb
          jobManager:
            resource: {memory: 2048m, cpu: 1}
          taskManager:
            resource: {memory: 4096m, cpu: 2}
        """);
    FlinkManifests ownManifests =
        new FlinkManifests(
            K8sTestData.settings(Map.of(K8sSettings.DEPLOYMENT_YAML, own.toString())));

    GenericKubernetesResource deployment =
        ownManifests.sessionCluster(
            "flink-chaos-1",
            ClusterSpec.of(2),
            K8sTestData.fakeS3Storage(),
            K8sTestData.IN_CLUSTER_S3,
            InClusterMinio.SECRET);

    Map<String, Object> root = deployment.getAdditionalProperties();
    // the harness names its clusters: session jobs, pods and the REST service are found by it
    assertThat(deployment.getMetadata().getName()).isEqualTo("flink-chaos-1");
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo(K8sTestData.NAMESPACE);
    assertThat(deployment.getMetadata().getLabels())
        .containsEntry("team", "data")
        .containsEntry("app.kubernetes.io/managed-by", "flink-chaos");
    assertThat(Tree.string(root, "spec", "image"))
        .isEqualTo("registry.example/flink:1.20.3-custom");
    assertThat(Tree.string(root, "spec", "serviceAccount")).isEqualTo("my-flink");
    assertThat(config(deployment))
        .containsEntry("state.backend.type", "rocksdb")
        .containsEntry("execution.checkpointing.dir", "s3://flink-chaos/run/cluster-1/checkpoints")
        .containsEntry("s3.endpoint", "http://minio.chaos-test.svc:9000");
    assertThat(env(deployment))
        .extracting(e -> e.get("name"))
        .containsExactlyInAnyOrder("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
  }

  @Test
  void ownFileOfTheWrongKindIsRejectedNamingTheFile(@TempDir Path dir) throws Exception {
    Path own = dir.resolve("job.yaml");
    Files.writeString(own, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    assertThatThrownBy(
            () ->
                new FlinkManifests(
                    K8sTestData.settings(Map.of(K8sSettings.SESSION_JOB_YAML, own.toString()))))
        .hasMessageContaining(own.toString())
        .hasMessageContaining("holds no FlinkSessionJob (kinds: [ConfigMap])");
  }

  @Test
  void minioManifestsCarryImageNamespaceLabelsAndTheGeneratedCredentialsOnlyInTheSecret() {
    List<HasMetadata> items =
        InClusterMinio.manifests(
            K8sTestData.settings(
                Map.of(
                    K8sSettings.MINIO_IMAGE, "quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z")),
            K8sTestData.RUN,
            "access-1",
            "secret-1");
    String name = "fc-" + K8sTestData.RUN.value() + "-minio";

    assertThat(items)
        .extracting(HasMetadata::getKind)
        .containsExactly("Secret", "Deployment", "Service");
    assertThat(items)
        .allSatisfy(
            item -> {
              assertThat(item.getMetadata().getNamespace()).isEqualTo(K8sTestData.NAMESPACE);
              assertThat(item.getMetadata().getName()).isEqualTo(name);
              assertThat(item.getMetadata().getLabels())
                  .containsEntry("app.kubernetes.io/managed-by", "flink-chaos")
                  .containsAllEntriesOf(K8sTestData.RUN.labels());
            });
    Secret secret = (Secret) items.get(0);
    assertThat(secret.getStringData())
        .isEqualTo(Map.of("accessKey", "access-1", "secretKey", "secret-1"));
    Deployment minio = (Deployment) items.get(1);
    var container = minio.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z");
    assertThat(container.getArgs()).containsExactly("server", "/data");
    assertThat(container.getEnv())
        .allSatisfy(
            e -> {
              assertThat(e.getValue()).isNull();
              assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(name);
            });
    assertThat(Serialization.asYaml(minio)).doesNotContain("secret-1");
    Service service = (Service) items.get(2);
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(9000);
    assertThat(service.getSpec().getSelector())
        .as("the Service selects only this run's MinIO pod")
        .containsEntry("app.kubernetes.io/instance", K8sTestData.RUN.value());
    assertThat(minio.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(minio.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/instance", K8sTestData.RUN.value());
  }

  @Test
  void twoRunsGetTwoMinIOsThatNeverSelectEachOthersPod() {
    RunId other = new RunId("r260512-143000-othr");
    Service ours =
        (Service)
            InClusterMinio.manifests(K8sTestData.settings(), K8sTestData.RUN, "a", "b").get(2);
    Service theirs =
        (Service) InClusterMinio.manifests(K8sTestData.settings(), other, "a", "b").get(2);

    assertThat(ours.getMetadata().getName()).isNotEqualTo(theirs.getMetadata().getName());
    assertThat(ours.getSpec().getSelector()).isNotEqualTo(theirs.getSpec().getSelector());
  }
}
