package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.MissingCapabilityException;
import io.flinkchaos.harness.report.Evidence;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A standalone cluster (no operator) against the fabric8 mock API server. */
@EnableKubernetesMockClient(crud = true)
class StandaloneFlinkClusterTest {

  static final String CLUSTER = StandaloneManifestsTest.CLUSTER;

  KubernetesMockServer server;
  KubernetesClient client;

  private StandaloneFlinkCluster cluster;
  private final java.util.List<String> executed = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Fake: records the command and answers as {@code flink run} does once a job is submitted. */
  private final PodExec exec =
      (pod, container, command, atMost) -> {
        executed.add(pod + "/" + container + ": " + String.join(" ", command));
        return "Job has been submitted with JobID 0000000000000000000000000000000a\n";
      };

  @BeforeEach
  void setUp() {
    cluster =
        new StandaloneFlinkCluster(
                client,
                K8sTestData.NAMESPACE,
                CLUSTER,
                ClusterSpec.of(2),
                K8sTestData.fakeS3Storage(),
                new StandaloneManifests(
                    K8sTestData.settings().withKind(DeploymentKind.STANDALONE),
                    K8sTestData.RUN.labels()),
                K8sTestData.SHORT,
                Capability.missing("no node in this test"),
                K8sTestData.RUN.labels(),
                exec)
            .apply(K8sTestData.IN_CLUSTER_S3, InClusterMinio.SECRET);
  }

  @Test
  void aJarTheClusterHoldsIsRunWithFlinkRunInTheJobManagersContainer() {
    pod(CLUSTER + "-flink-jobmanager-7c9-ccccc", CLUSTER, "jobmanager");
    var spec =
        io.flinkchaos.harness.job.UserJobs.specInCluster(
            "local:///opt/flink/usrlib/enricher.jar",
            "com.example.Enricher",
            "",
            2,
            java.time.Duration.ofSeconds(1),
            java.net.URI.create("s3://b/out"));

    var job = cluster.deploy(spec, null);

    assertThat(job.jobId().toHexString()).isEqualTo("0000000000000000000000000000000a");
    assertThat(executed)
        .singleElement()
        .asString()
        .startsWith(CLUSTER + "-flink-jobmanager-7c9-ccccc/jobmanager: /opt/flink/bin/flink run")
        .endsWith("/opt/flink/usrlib/enricher.jar");
  }

  private void pod(String name, String cluster, String component) {
    pod(name, cluster, component, null);
  }

  private void pod(String name, String cluster, String component, String podIp) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app", "flink");
    labels.put("component", component);
    labels.put(StandaloneManifests.CLUSTER_LABEL, cluster);
    client
        .pods()
        .inNamespace(K8sTestData.NAMESPACE)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewStatus()
                .withPodIP(podIp)
                .endStatus()
                .build())
        .create();
  }

  /** The cluster as the k3s platform builds it: with a shell on the node. */
  private StandaloneFlinkCluster onK3s(FakeNodeShell node) {
    return new StandaloneFlinkCluster(
            client,
            K8sTestData.NAMESPACE,
            CLUSTER,
            ClusterSpec.of(2),
            K8sTestData.fakeS3Storage(),
            new StandaloneManifests(
                K8sTestData.settings().withKind(DeploymentKind.STANDALONE),
                K8sTestData.RUN.labels()),
            K8sTestData.SHORT,
            Capability.of(node),
            K8sTestData.RUN.labels(),
            exec)
        .apply(K8sTestData.IN_CLUSTER_S3, InClusterMinio.SECRET);
  }

  /**
   * The docs' {@code flink-jobmanager} Service has a ClusterIP (the mock server assigns none, so
   * the test does): the TaskManagers reach the JobManager through it, so a partition cuts it too.
   */
  @Test
  void aPartitionOnK3sAlsoCutsTheJobManagerServicesClusterIp() {
    FakeNodeShell node = new FakeNodeShell();
    StandaloneFlinkCluster k3s = onK3s(node);
    client
        .services()
        .inNamespace(K8sTestData.NAMESPACE)
        .withName(CLUSTER + "-flink-jobmanager")
        .edit(s -> new ServiceBuilder(s).editSpec().withClusterIP("10.43.0.40").endSpec().build());
    pod(CLUSTER + "-flink-taskmanager-5d8f7-aaaaa", CLUSTER, "taskmanager", "10.42.0.21");
    pod(CLUSTER + "-flink-taskmanager-5d8f7-bbbbb", CLUSTER, "taskmanager", "10.42.0.22");
    pod(CLUSTER + "-flink-jobmanager-7c9-ccccc", CLUSTER, "jobmanager", "10.42.0.20");
    node.runs(CLUSTER + "-flink-taskmanager-5d8f7-aaaaa", "ca", 4201);
    node.runs(CLUSTER + "-flink-taskmanager-5d8f7-bbbbb", "cb", 4202);
    node.runs(CLUSTER + "-flink-jobmanager-7c9-ccccc", "cc", 4200);

    k3s.network().require("partition").partition(FlinkProcess.taskManager(1));

    assertThat(node.routes(CLUSTER + "-flink-taskmanager-5d8f7-aaaaa"))
        .containsExactly("blackhole 10.42.0.20/32", "blackhole 10.43.0.40/32");
    assertThat(node.routes(CLUSTER + "-flink-jobmanager-7c9-ccccc"))
        .containsExactly("blackhole 10.42.0.21/32");
  }

  /** The docs' manifests name their containers jobmanager and taskmanager, not the operator's. */
  @Test
  void aFreezeOnK3sStopsTheTaskManagerContainerTheManifestsName() {
    FakeNodeShell node = new FakeNodeShell();
    StandaloneFlinkCluster k3s = onK3s(node);
    pod(CLUSTER + "-flink-taskmanager-5d8f7-aaaaa", CLUSTER, "taskmanager", "10.42.0.21");
    pod(CLUSTER + "-flink-taskmanager-5d8f7-bbbbb", CLUSTER, "taskmanager", "10.42.0.22");
    node.runs(CLUSTER + "-flink-taskmanager-5d8f7-aaaaa", "taskmanager", "ca", 4201);
    node.runs(CLUSTER + "-flink-taskmanager-5d8f7-bbbbb", "taskmanager", "cb", 4202);

    k3s.processes().freezer().require("freeze").freeze(FlinkProcess.taskManager(1));

    assertThat(node.commands).contains("kill -STOP 4201");
  }

  @Test
  void applyCreatesTheObjectsWithTheTaskManagersOwnPriorityClass() {
    Deployment taskManagers =
        client
            .apps()
            .deployments()
            .inNamespace(K8sTestData.NAMESPACE)
            .withName(CLUSTER + "-flink-taskmanager")
            .get();

    assertThat(taskManagers.getSpec().getTemplate().getSpec().getPriorityClassName())
        .isEqualTo(CLUSTER + "-taskmanager");
    assertThat(
            client
                .configMaps()
                .inNamespace(K8sTestData.NAMESPACE)
                .withName(CLUSTER + "-flink-config")
                .get())
        .isNotNull();
    assertThat(
            client
                .services()
                .inNamespace(K8sTestData.NAMESPACE)
                .withName(CLUSTER + "-flink-jobmanager")
                .get())
        .isNotNull();
  }

  @Test
  void aTaskManagerKillDeletesThePodOfThisClustersTaskManagerDeployment() {
    pod(CLUSTER + "-flink-taskmanager-5d8f7-aaaaa", CLUSTER, "taskmanager");
    pod(CLUSTER + "-flink-taskmanager-5d8f7-bbbbb", CLUSTER, "taskmanager");
    pod("fc-other-flink-taskmanager-1", "fc-other", "taskmanager");
    pod(CLUSTER + "-flink-jobmanager-7c9-ccccc", CLUSTER, "jobmanager");

    cluster.processes().killTaskManager(2);
    cluster.processes().killJobManager();

    assertThat(K8sTestData.podNames(client))
        .containsExactlyInAnyOrder(
            CLUSTER + "-flink-taskmanager-5d8f7-aaaaa", "fc-other-flink-taskmanager-1");
  }

  @Test
  void aLostNodePoolIsTheTaskManagerDeploymentScaledToZero() {
    cluster.processes().takeAllTaskManagersDown(2);

    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(K8sTestData.NAMESPACE)
                .withName(CLUSTER + "-flink-taskmanager")
                .get()
                .getSpec()
                .getReplicas())
        .isZero();
  }

  @Test
  void theOperatorsStepsSkipWithTheReason() {
    var controlPlane = cluster.controlPlane().get().orElseThrow();

    assertThatThrownBy(controlPlane::killOperator)
        .isInstanceOf(MissingCapabilityException.class)
        .hasMessage(StandaloneFlinkCluster.NO_OPERATOR);
    assertThatThrownBy(() -> controlPlane.upgradeOperator("1.15.0"))
        .isInstanceOf(MissingCapabilityException.class);
  }

  @Test
  void closeDeletesItsObjectsAndItsHaConfigMapsOnly() {
    haConfigMap(CLUSTER + "-cluster-config-map", CLUSTER);
    haConfigMap("fc-other-cluster-config-map", "fc-other");

    cluster.close();

    assertThat(client.apps().deployments().inNamespace(K8sTestData.NAMESPACE).list().getItems())
        .isEmpty();
    assertThat(client.configMaps().inNamespace(K8sTestData.NAMESPACE).list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .containsExactly("fc-other-cluster-config-map");
  }

  private void haConfigMap(String name, String clusterId) {
    client
        .configMaps()
        .inNamespace(K8sTestData.NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("app", clusterId)
                .addToLabels("configmap-type", "high-availability")
                .addToLabels("type", "flink-native-kubernetes")
                .endMetadata()
                .build())
        .create();
  }

  @Test
  void evidenceShowsTheObjectsAsTheApiServerHasThem() {
    Evidence evidence = new Evidence();

    cluster.collectEvidence(evidence);

    assertThat(evidence.items())
        .filteredOn(item -> item.name().endsWith("standalone objects"))
        .singleElement()
        .satisfies(
            item ->
                assertThat(item.text()).contains("name: \"" + CLUSTER + "-flink-taskmanager\""));
  }
}
