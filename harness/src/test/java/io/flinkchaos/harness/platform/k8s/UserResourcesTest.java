package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's own resources as given: one file, several documents, kept except what is listed. */
class UserResourcesTest {

  /** As Terraform renders it: a session cluster on EKS and two jobs, one more kind in between. */
  static final String USER_YAML =
      """
      apiVersion: flink.apache.org/v1beta1
      kind: FlinkDeployment
      metadata:
        name: payments-session
        annotations:
          team.example/owner: payments
      spec:
        image: 123.dkr.ecr.eu-west-1.amazonaws.com/flink:1.20.3-payments
        flinkVersion: v1_20
        serviceAccount: payments-flink
        flinkConfiguration:
          state.backend.type: rocksdb
          execution.checkpointing.dir: s3://payments-state/checkpoints
          s3.endpoint.region: eu-west-1
        podTemplate:
          apiVersion: v1
          kind: Pod
          metadata:
            annotations:
              eks.amazonaws.com/role-arn: arn:aws:iam::123:role/payments-flink
          spec:
            serviceAccountName: payments-flink
            containers:
              - name: flink-main-container
                volumeMounts:
                  - name: jars
                    mountPath: /opt/flink/usrlib
            volumes:
              - name: jars
                persistentVolumeClaim:
                  claimName: efs-jars
        jobManager:
          resource: {memory: 2048m, cpu: 1}
        taskManager:
          resource: {memory: 4096m, cpu: 2}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: payments-extra
      data:
        a: b
      ---
      apiVersion: flink.apache.org/v1beta1
      kind: FlinkSessionJob
      metadata:
        name: payments-enricher
      spec:
        deploymentName: payments-session
        flinkConfiguration:
          execution.checkpointing.interval: 30 s
          pipeline.max-parallelism: "128"
        job:
          jarURI: s3://payments-artifacts/enricher-1.4.jar
          entryClass: com.example.Enricher
          parallelism: 4
          upgradeMode: savepoint
      ---
      apiVersion: flink.apache.org/v1beta1
      kind: FlinkSessionJob
      metadata:
        name: payments-aggregator
      spec:
        deploymentName: payments-session
        job:
          jarURI: local:///opt/flink/usrlib/aggregator.jar
          entryClass: com.example.Aggregator
          parallelism: 2
      """;

  @TempDir Path dir;

  private Path file(String yaml) throws Exception {
    Path file = dir.resolve("user-" + System.nanoTime() + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private FlinkManifests manifests(Path file, Map<String, String> more) {
    Map<String, String> settings = new LinkedHashMap<>(more);
    settings.put(K8sSettings.DEPLOYMENT_YAML, file.toString());
    return new FlinkManifests(K8sTestData.settings(settings));
  }

  private static JobSpec job(String entryClass) {
    return new JobSpec(
        "user",
        "v1",
        Path.of("target/never-uploaded.jar"),
        entryClass,
        List.of("--output", "s3://x/out"),
        3,
        Map.of("execution.checkpointing.interval", "2 s", "restart-strategy.type", "none"),
        false,
        null);
  }

  private static GenericKubernetesResource cluster(FlinkManifests manifests, ClusterSpec spec) {
    return manifests.sessionCluster(
        "flink-chaos-1",
        spec,
        K8sTestData.fakeS3Storage(),
        K8sTestData.IN_CLUSTER_S3,
        InClusterMinio.SECRET);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(GenericKubernetesResource r, String... path) {
    return (Map<String, Object>) Tree.get(r.getAdditionalProperties(), path);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mainContainer(GenericKubernetesResource r) {
    List<Object> containers =
        (List<Object>)
            Tree.get(r.getAdditionalProperties(), "spec", "podTemplate", "spec", "containers");
    return (Map<String, Object>) containers.get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> envNames(GenericKubernetesResource r) {
    return ((List<Object>) mainContainer(r).get("env"))
        .stream().map(e -> ((Map<String, Object>) e).get("name")).toList();
  }

  @Test
  void aUserYamlComesOutWithItsJobConfigJarUriVolumesAndIdentityUnchanged() throws Exception {
    Path file = file(USER_YAML);
    FlinkManifests manifests =
        manifests(
            file,
            Map.of(
                HarnessSettings.S3_ENDPOINT, "aws",
                HarnessSettings.S3_BUCKET, "payments-chaos"));
    GenericKubernetesResource original = UserResources.documents(file).get(0);

    GenericKubernetesResource deployment = cluster(manifests, new ClusterSpec(2, 2, true));

    // identity and storage volumes as given
    assertThat(Tree.get(deployment.getAdditionalProperties(), "spec", "podTemplate"))
        .isEqualTo(Tree.get(original.getAdditionalProperties(), "spec", "podTemplate"));
    assertThat(Tree.string(deployment.getAdditionalProperties(), "spec", "serviceAccount"))
        .isEqualTo("payments-flink");
    assertThat(deployment.getMetadata().getAnnotations())
        .containsEntry("team.example/owner", "payments");
    assertThat(at(deployment, "spec", "jobManager")).isEqualTo(at(original, "spec", "jobManager"));
    assertThat(Tree.string(deployment.getAdditionalProperties(), "spec", "image"))
        .isEqualTo("123.dkr.ecr.eu-west-1.amazonaws.com/flink:1.20.3-payments");
    // the user's keys kept; only missing ones added
    assertThat(at(deployment, "spec", "flinkConfiguration"))
        .containsEntry("state.backend.type", "rocksdb")
        .containsEntry("execution.checkpointing.dir", "s3://payments-state/checkpoints")
        .containsEntry("s3.endpoint.region", "eu-west-1")
        .containsEntry("taskmanager.numberOfTaskSlots", "2")
        .containsEntry("high-availability.type", "kubernetes")
        .doesNotContainKeys("s3.endpoint", "s3.path.style.access");

    JobSpec enricher = job("com.example.Enricher");
    String jarUri = manifests.jarUri(enricher, jar -> "http://minio/should-not-be-used.jar");
    GenericKubernetesResource sessionJob =
        manifests.sessionJob("s1", "flink-chaos-1", enricher, jarUri, null, UpgradeMode.SAVEPOINT);

    assertThat(jarUri).isEqualTo("s3://payments-artifacts/enricher-1.4.jar");
    assertThat(Tree.string(sessionJob.getAdditionalProperties(), "spec", "job", "jarURI"))
        .isEqualTo("s3://payments-artifacts/enricher-1.4.jar");
    assertThat(Tree.string(sessionJob.getAdditionalProperties(), "spec", "job", "entryClass"))
        .isEqualTo("com.example.Enricher");
    assertThat(at(sessionJob, "spec", "flinkConfiguration"))
        .containsEntry("execution.checkpointing.interval", "30 s")
        .containsEntry("pipeline.max-parallelism", "128")
        .containsEntry("restart-strategy.type", "none");
  }

  @Test
  void everyDocumentIsReadAndSessionJobsAreMatchedByEntryClass() throws Exception {
    UserResources user =
        UserResources.read(java.util.Optional.of(file(USER_YAML)), java.util.Optional.empty());

    assertThat(user.deployment()).isPresent();
    assertThat(
            user.sessionJobFor(job("com.example.Aggregator")).orElseThrow().getMetadata().getName())
        .isEqualTo("payments-aggregator");
    assertThat(user.jarUriFor(job("com.example.Aggregator")))
        .contains("local:///opt/flink/usrlib/aggregator.jar");
    // a fixture job matches none of them: the harness's template and its own jar delivery
    assertThat(user.sessionJobFor(K8sTestData.job("v1", 1))).isEmpty();
  }

  @Test
  void theMergeAddsOnlyMissingKeysAndReportsWhatItRefusedToOverride() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("state.checkpoints.dir", "s3://mine/cp"); // the old name counts as set
    config.put("taskmanager.numberOfTaskSlots", "2");

    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("taskmanager.numberOfTaskSlots", "2");
    wanted.put("execution.checkpointing.dir", "s3://harness/cp");
    wanted.put("execution.checkpointing.savepoint-dir", "s3://harness/sp");
    FlinkConfigurationMerge.Result result = FlinkConfigurationMerge.merge(config, wanted, "test");

    assertThat(result.added()).containsExactly("execution.checkpointing.savepoint-dir");
    assertThat(result.refused())
        .containsExactly(Map.entry("execution.checkpointing.dir", "s3://mine/cp"));
    assertThat(config)
        .containsEntry("state.checkpoints.dir", "s3://mine/cp")
        .doesNotContainKey("execution.checkpointing.dir");
  }

  @Test
  void userValuesThatBreakTheScenarioAreOneLineErrors() throws Exception {
    String base =
        """
        apiVersion: flink.apache.org/v1beta1
        kind: FlinkDeployment
        metadata: {name: s}
        spec:
          flinkConfiguration:
            %s
        """;
    List<String[]> cases = new ArrayList<>();
    cases.add(
        new String[] {"execution.checkpointing.dir: \"\"", "execution.checkpointing.dir is empty"});
    cases.add(new String[] {"taskmanager.numberOfTaskSlots: \"4\"", "scenario asks for 2 slots"});
    cases.add(new String[] {"high-availability.type: kubernetes", "without HA"});
    cases.add(new String[] {"s3.endpoint: https://s3.example", "in-cluster MinIO"});
    for (String[] c : cases) {
      FlinkManifests manifests = manifests(file(base.formatted(c[0])), Map.of());
      assertThatThrownBy(() -> cluster(manifests, new ClusterSpec(2, 2, false)))
          .as(c[0])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(c[1])
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void theHarnessDeliversOnlyJarsNoUserSessionJobNames() throws Exception {
    FlinkManifests manifests = manifests(file(USER_YAML), Map.of());
    List<Path> uploaded = new ArrayList<>();
    JarDelivery minio =
        jar -> {
          uploaded.add(jar);
          return "http://minio/" + jar.getFileName();
        };

    manifests.jarUri(job("com.example.Enricher"), minio);
    String fixture = manifests.jarUri(K8sTestData.job("v1", 1), minio);

    assertThat(uploaded).containsExactly(K8sTestData.job("v1", 1).jar());
    assertThat(fixture).isEqualTo("http://minio/flink-chaos-fixture-jobs.jar");
  }

  @Test
  void withTheInClusterMinioTheUsersPodsGetItsKeysAndEndpointAddedNotReplaced() throws Exception {
    FlinkManifests manifests = manifests(file(USER_YAML), Map.of());

    GenericKubernetesResource deployment = cluster(manifests, new ClusterSpec(2, 2, true));

    assertThat(at(deployment, "spec", "flinkConfiguration"))
        .containsEntry("s3.endpoint", K8sTestData.IN_CLUSTER_S3.toString())
        .containsEntry("execution.checkpointing.dir", "s3://payments-state/checkpoints");
    assertThat(envNames(deployment))
        .containsExactly((Object) "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    assertThat(mainContainer(deployment).get("volumeMounts")).isNotNull();
  }

  @Test
  void ownAwsStorageInjectsNoKeysAndNoEndpointIntoTheTemplateEither() {
    FlinkManifests manifests =
        new FlinkManifests(
            K8sTestData.settings(
                Map.of(HarnessSettings.S3_ENDPOINT, "aws", HarnessSettings.S3_BUCKET, "mine")));

    GenericKubernetesResource deployment = cluster(manifests, new ClusterSpec(2, 2, true));

    assertThat(at(deployment, "spec", "flinkConfiguration"))
        .doesNotContainKeys("s3.endpoint", "s3.path.style.access");
    assertThat(envNames(deployment)).containsExactly((Object) "ENABLE_BUILT_IN_PLUGINS");
  }

  @Test
  void ownStorageSettingsAreCheckedInOneLine() {
    assertThatThrownBy(() -> K8sTestData.settings(Map.of(HarnessSettings.S3_ENDPOINT, "aws")))
        .hasMessageContaining("-Dharness.s3.bucket=");
    assertThatThrownBy(
            () ->
                K8sTestData.settings(Map.of(HarnessSettings.S3_ENDPOINT, "http://127.0.0.1:9000")))
        .hasMessageContaining("not supported on Kubernetes");
  }
}
