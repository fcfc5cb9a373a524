package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What application mode and standalone mode render: the job in {@code spec.job}, the user's own
 * application FlinkDeployment kept as given, and the one-line refusals.
 */
class ApplicationManifestsTest {

  /** An application cluster as a platform team writes it: their job, jar on EFS, IRSA identity. */
  static final String USER_APPLICATION =
      """
      apiVersion: flink.apache.org/v1beta1
      kind: FlinkDeployment
      metadata:
        name: payments-enricher
      spec:
        image: 123.dkr.ecr.eu-west-1.amazonaws.com/flink:1.20.3-payments
        flinkVersion: v1_20
        serviceAccount: payments-flink
        flinkConfiguration:
          state.backend.type: rocksdb
          execution.checkpointing.interval: 30 s
        podTemplate:
          apiVersion: v1
          kind: Pod
          spec:
            containers:
              - name: flink-main-container
                volumeMounts:
                  - name: jars
                    mountPath: /opt/flink/usrlib
            volumes:
              - name: jars
                persistentVolumeClaim:
                  claimName: efs-jars
        job:
          jarURI: local:///opt/flink/usrlib/enricher-1.4.jar
          entryClass: com.example.Enricher
          parallelism: 4
          upgradeMode: savepoint
          savepointRedeployNonce: 3
        jobManager:
          resource: {memory: 2048m, cpu: 1}
        taskManager:
          resource: {memory: 4096m, cpu: 2}
      """;

  @TempDir Path dir;

  private Path file(String yaml) throws Exception {
    Path file = dir.resolve("user-" + System.nanoTime() + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static FlinkManifests manifests(Map<String, String> settings) {
    return new FlinkManifests(K8sTestData.settings(settings));
  }

  private static Map<String, String> application(Map<String, String> more) {
    Map<String, String> settings = new LinkedHashMap<>(more);
    settings.put(K8sSettings.MODE, "application");
    return settings;
  }

  private static JobSpec job(String entryClass) {
    return new JobSpec(
        "user",
        "v1",
        Path.of("target/never-uploaded.jar"),
        entryClass,
        List.of("--output", "s3://x/out"),
        3,
        Map.of("execution.checkpointing.interval", "2 s", "pipeline.max-parallelism", "64"),
        false,
        null);
  }

  private static GenericKubernetesResource render(FlinkManifests manifests, JobSpec job) {
    return manifests.applicationCluster(
        "fc-r260512-143000-test-1-1",
        ClusterSpec.of(2),
        K8sTestData.fakeS3Storage(),
        K8sTestData.IN_CLUSTER_S3,
        InClusterMinio.SECRET,
        job,
        "http://minio.chaos-test.svc:9000/flink-chaos/jars/fixture.jar",
        "s3://flink-chaos/savepoints/savepoint-1",
        UpgradeMode.LAST_STATE);
  }

  private static Object at(GenericKubernetesResource r, String... path) {
    return Tree.get(r.getAdditionalProperties(), path);
  }

  @Test
  void theHarnessTemplateBecomesAnApplicationClusterRunningTheJob() {
    GenericKubernetesResource deployment =
        render(manifests(application(Map.of())), K8sTestData.job("v1", 2));

    assertThat(at(deployment, "spec", "job", "jarURI"))
        .isEqualTo("http://minio.chaos-test.svc:9000/flink-chaos/jars/fixture.jar");
    assertThat(at(deployment, "spec", "job", "entryClass"))
        .isEqualTo("io.flinkchaos.fixtures.SequenceJob");
    assertThat(at(deployment, "spec", "job", "parallelism")).isEqualTo(2);
    assertThat(at(deployment, "spec", "job", "upgradeMode")).isEqualTo("last-state");
    assertThat(at(deployment, "spec", "job", "state")).isEqualTo("running");
    assertThat(at(deployment, "spec", "job", "initialSavepointPath"))
        .isEqualTo("s3://flink-chaos/savepoints/savepoint-1");
    assertThat(at(deployment, "spec", "flinkConfiguration", "execution.checkpointing.interval"))
        .isEqualTo("2 s");
    assertThat(at(deployment, "spec", "mode")).as("native unless asked").isNull();
  }

  @Test
  void yourApplicationDeploymentKeepsItsJobJarIdentityVolumesAndKeys() throws Exception {
    FlinkManifests manifests =
        manifests(
            application(Map.of(K8sSettings.DEPLOYMENT_YAML, file(USER_APPLICATION).toString())));

    GenericKubernetesResource deployment = render(manifests, job("com.example.Enricher"));

    assertThat(at(deployment, "spec", "job", "jarURI"))
        .as("your jarURI as given, nothing uploaded")
        .isEqualTo("local:///opt/flink/usrlib/enricher-1.4.jar");
    assertThat(at(deployment, "spec", "job", "entryClass")).isEqualTo("com.example.Enricher");
    assertThat(at(deployment, "spec", "job", "savepointRedeployNonce")).isEqualTo(3);
    assertThat(at(deployment, "spec", "serviceAccount")).isEqualTo("payments-flink");
    assertThat(at(deployment, "spec", "image"))
        .isEqualTo("123.dkr.ecr.eu-west-1.amazonaws.com/flink:1.20.3-payments");
    assertThat(at(deployment, "spec", "podTemplate", "spec", "volumes"))
        .asList()
        .singleElement()
        .satisfies(v -> assertThat(v.toString()).contains("efs-jars"));
    assertThat(at(deployment, "spec", "flinkConfiguration", "execution.checkpointing.interval"))
        .as("a key you set is never overridden by the job's")
        .isEqualTo("30 s");
    assertThat(at(deployment, "spec", "flinkConfiguration", "pipeline.max-parallelism"))
        .as("a key you did not set is added")
        .isEqualTo("64");
    assertThat(at(deployment, "spec", "flinkConfiguration", "state.backend.type"))
        .isEqualTo("rocksdb");
  }

  @Test
  void aHarnessJobInYourApplicationDeploymentRunsItsOwnJarNotYours() throws Exception {
    FlinkManifests manifests =
        manifests(
            application(Map.of(K8sSettings.DEPLOYMENT_YAML, file(USER_APPLICATION).toString())));

    GenericKubernetesResource deployment = render(manifests, K8sTestData.job("v1", 2));

    assertThat(at(deployment, "spec", "job", "jarURI"))
        .isEqualTo("http://minio.chaos-test.svc:9000/flink-chaos/jars/fixture.jar");
    assertThat(at(deployment, "spec", "job", "entryClass"))
        .isEqualTo("io.flinkchaos.fixtures.SequenceJob");
  }

  @Test
  void anApplicationDeploymentInSessionModeIsRefusedNamingTheModeSetting() throws Exception {
    Path file = file(USER_APPLICATION);

    assertThatThrownBy(() -> manifests(Map.of(K8sSettings.DEPLOYMENT_YAML, file.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has spec.job")
        .hasMessageContaining("-Dharness.k8s.mode=application")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aSessionJobInApplicationModeIsRefusedInOneLine() throws Exception {
    Path file = file(UserResourcesTest.USER_YAML);

    assertThatThrownBy(
            () ->
                manifests(
                    application(
                        Map.of(
                            K8sSettings.DEPLOYMENT_YAML,
                            file.toString(),
                            K8sSettings.SESSION_JOB_YAML,
                            file.toString()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FlinkSessionJob payments-enricher cannot run in application mode")
        .hasMessageNotContaining("\n");
  }

  @Test
  void standaloneSetsTheModeAndOneTaskManagerReplicaPerTaskManager() {
    FlinkManifests manifests = manifests(Map.of(K8sSettings.INTEGRATION, "standalone"));

    GenericKubernetesResource session =
        manifests.sessionCluster(
            "fc-1",
            ClusterSpec.of(3),
            K8sTestData.fakeS3Storage(),
            K8sTestData.IN_CLUSTER_S3,
            InClusterMinio.SECRET);

    assertThat(at(session, "spec", "mode")).isEqualTo("standalone");
    assertThat(at(session, "spec", "taskManager", "replicas")).isEqualTo(3);
  }

  @Test
  void yourSpecModeMustAgreeWithTheIntegrationSetting() throws Exception {
    Path file =
        file(
            USER_APPLICATION.replace(
                "  flinkVersion: v1_20\n", "  flinkVersion: v1_20\n  mode: standalone\n"));
    FlinkManifests manifests =
        manifests(application(Map.of(K8sSettings.DEPLOYMENT_YAML, file.toString())));

    assertThatThrownBy(() -> render(manifests, job("com.example.Enricher")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has spec.mode standalone but the harness runs native")
        .hasMessageContaining("-Dharness.k8s.integration=standalone")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aJarTheClusterHoldsIsALocalJarUriInApplicationModeAndRefusedForASessionJob() {
    JobSpec inCluster =
        io.flinkchaos.harness.job.UserJobs.specInCluster(
            "local:///opt/flink/usrlib/enricher.jar",
            "com.example.Enricher",
            "",
            2,
            java.time.Duration.ofSeconds(1),
            java.net.URI.create("s3://b/out"));
    JarDelivery never =
        jar -> {
          throw new AssertionError("a jar the cluster holds is never uploaded");
        };

    assertThat(manifests(application(Map.of())).jarUri(inCluster, never))
        .isEqualTo("local:///opt/flink/usrlib/enricher.jar");
    assertThatThrownBy(() -> manifests(Map.of()).jarUri(inCluster, never))
        .hasMessageContaining("a FlinkSessionJob's local:// jarURI is read in the operator's pod")
        .hasMessageNotContaining("\n");
  }

  @Test
  void unknownModesAreOneLineErrors() {
    assertThatThrownBy(() -> K8sTestData.settings(Map.of(K8sSettings.MODE, "per-job")))
        .hasMessage(
            "-Dharness.k8s.mode=per-job is not a mode: use session (FlinkSessionJobs in a session"
                + " cluster) or application (the job in the FlinkDeployment's spec.job)");
    assertThatThrownBy(() -> K8sTestData.settings(Map.of(K8sSettings.INTEGRATION, "yarn")))
        .hasMessage(
            "-Dharness.k8s.integration=yarn is not a FlinkDeployment spec.mode: use native or"
                + " standalone");
  }
}
