package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.MissingCapabilityException;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesFlinkClusterTest {

  static final String JOB_A = SessionJobsTest.JOB_A;
  static final String CLUSTER = "flink-chaos-1";
  static final String SESSION_JOB = SessionJobsTest.SESSION_JOB;
  static final String JAR_URI = SessionJobsTest.JAR_URI;
  static final String NO_NODE =
      "needs node access to stop PID 1 of a container (k3s has it; a kubeconfig cluster does"
          + " not): run with -Dharness.platform=k3s";

  KubernetesMockServer server;
  KubernetesClient client;

  private KubernetesFlinkCluster cluster;
  private FakeOperator operator;

  /**
   * A cluster of 3 TaskManagers as a kubeconfig platform makes it: no node, no operator upgrade.
   */
  static KubernetesFlinkCluster cluster(KubernetesClient client) {
    return cluster(client, ClusterMode.SESSION);
  }

  static KubernetesFlinkCluster cluster(KubernetesClient client, ClusterMode mode) {
    return new KubernetesFlinkCluster(
        client,
        K8sTestData.NAMESPACE,
        K8sTestData.NAMESPACE,
        CLUSTER,
        ClusterSpec.of(3),
        K8sTestData.fakeS3Storage(),
        new FlinkManifests(
            K8sTestData.settings().withMode(mode, KubernetesIntegration.NATIVE),
            K8sTestData.RUN.labels()),
        jar -> JAR_URI, // fake jar delivery: nothing is uploaded
        K8sTestData.SHORT,
        Capability.missing(NO_NODE),
        version -> {
          throw new IllegalStateException("no operator upgrade in these tests");
        },
        K8sTestData.RUN.labels(),
        mode);
  }

  @BeforeEach
  void setUp() {
    cluster = cluster(client);
    operator = new FakeOperator(client, K8sTestData.NAMESPACE);
  }

  private void deployRunning(String jobId) {
    CompletableFuture<Void> fake = operator.runningOnceCreated(SESSION_JOB, jobId);
    cluster.deploy(K8sTestData.job("v1", 2), null);
    fake.join();
  }

  @Test
  void applyCreatesTheSessionClusterFlinkDeployment() throws InterruptedException {
    cluster.apply(K8sTestData.IN_CLUSTER_S3, InClusterMinio.SECRET);

    var priorityClass = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(priorityClass.getPath())
        .as("the TaskManagers' own PriorityClass exists before any TaskManager pod")
        .isEqualTo("/apis/scheduling.k8s.io/v1/priorityclasses");
    var create = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(create.getMethod()).isEqualTo("POST");
    assertThat(create.getPath())
        .as("a field the CRD does not know is rejected, not pruned")
        .contains("flinkdeployments")
        .contains("fieldValidation=Strict");

    GenericKubernetesResource deployment =
        FlinkResources.deployments(client)
            .inNamespace(K8sTestData.NAMESPACE)
            .withName(CLUSTER)
            .get();
    assertThat(deployment).isNotNull();
    assertThat(deployment.getMetadata().getLabels()).containsAllEntriesOf(K8sTestData.RUN.labels());
    assertThat(
            Tree.string(
                deployment.getAdditionalProperties(),
                "spec",
                "taskManager",
                "podTemplate",
                "spec",
                "priorityClassName"))
        .isEqualTo(CLUSTER + "-taskmanager");
    assertThat(client.scheduling().v1().priorityClasses().withName(CLUSTER + "-taskmanager").get())
        .satisfies(
            pc -> {
              assertThat(pc.getValue()).isZero();
              assertThat(pc.getPreemptionPolicy()).isEqualTo("Never");
              assertThat(pc.getGlobalDefault()).isFalse();
              assertThat(pc.getMetadata().getLabels())
                  .containsAllEntriesOf(K8sTestData.RUN.labels());
            });
    assertThat(
            Tree.string(
                deployment.getAdditionalProperties(),
                "spec",
                "flinkConfiguration",
                "slotmanager.number-of-slots.min"))
        .isEqualTo("6");
  }

  @Test
  void inApplicationModeNothingIsDeployedUntilAJobIsAndThenPodsFollowItsFlinkDeployment() {
    KubernetesFlinkCluster application = cluster(client, ClusterMode.APPLICATION);
    FakeApplicationOperator fake = new FakeApplicationOperator(client, K8sTestData.NAMESPACE);

    application.apply(K8sTestData.IN_CLUSTER_S3, InClusterMinio.SECRET);
    application.awaitReady(Duration.ofMillis(1));
    assertThat(
            FlinkResources.deployments(client).inNamespace(K8sTestData.NAMESPACE).list().getItems())
        .as("an application cluster exists only with its job")
        .isEmpty();
    assertThat(application.unfinishedJobs())
        .as("nothing runs, and no JobManager is asked: the cluster is reused")
        .isEmpty();

    CompletableFuture<Void> running = fake.runningOnceCreated(CLUSTER + "-1", JOB_A);
    application.deploy(K8sTestData.job("v1", 2), null);
    running.join();
    GenericKubernetesResource deployment =
        FlinkResources.deployments(client)
            .inNamespace(K8sTestData.NAMESPACE)
            .withName(CLUSTER + "-1")
            .get();
    assertThat(
            Tree.string(
                deployment.getAdditionalProperties(),
                "spec",
                "taskManager",
                "podTemplate",
                "spec",
                "priorityClassName"))
        .as("TaskManager down is scoped to this cluster's TaskManagers in application mode too")
        .isEqualTo(CLUSTER + "-taskmanager");
    K8sTestData.pod(client, CLUSTER + "-taskmanager-1-1", "some-other-cluster", "taskmanager");
    K8sTestData.pod(client, CLUSTER + "-1-taskmanager-1-1", CLUSTER + "-1", "taskmanager");

    application.processes().killTaskManager(1);

    assertThat(K8sTestData.podNames(client)).containsExactly(CLUSTER + "-taskmanager-1-1");
  }

  @Test
  void withoutNodeAccessFreezingSkipsWithOneLineAndProcessEventsAreMissing() {
    assertThatThrownBy(
            () ->
                cluster
                    .processes()
                    .freezer()
                    .require("TaskManager 1 is frozen")
                    .freeze(FlinkProcess.taskManager(1)))
        .isInstanceOf(MissingCapabilityException.class)
        .hasMessage("'TaskManager 1 is frozen' " + NO_NODE);
    assertThat(cluster.processes().processEvents().missingBecause()).isPresent();
    assertThat(cluster.controlPlane().get()).isPresent();
    assertThat(cluster.network().missingBecause()).contains(PodNetworkFaults.NO_NODE);
  }

  @Test
  void withNodeAccessTheFreezerIsThere() {
    KubernetesFlinkCluster k3s =
        new KubernetesFlinkCluster(
            client,
            K8sTestData.NAMESPACE,
            K8sTestData.NAMESPACE,
            CLUSTER,
            ClusterSpec.of(1),
            K8sTestData.fakeS3Storage(),
            new FlinkManifests(K8sTestData.settings()),
            jar -> JAR_URI,
            K8sTestData.SHORT,
            Capability.of(new FakeNodeShell()),
            version -> "1.14.0",
            K8sTestData.RUN.labels(),
            ClusterMode.SESSION);

    assertThat(k3s.processes().freezer().get()).containsInstanceOf(PodFreezer.class);
    assertThat(k3s.network().get()).containsInstanceOf(PodNetworkFaults.class);
  }

  @Test
  void cleanupDeletesOnlyThisRunsObjects() {
    cluster.apply(K8sTestData.IN_CLUSTER_S3, InClusterMinio.SECRET);
    deployRunning(JOB_A);
    GenericKubernetesResource foreignJob =
        new FlinkManifests(K8sTestData.settings())
            .sessionJob(
                "someone-elses-job",
                "their-cluster",
                K8sTestData.job("v1", 1),
                JAR_URI,
                null,
                UpgradeMode.SAVEPOINT);
    foreignJob.getMetadata().getLabels().remove("app.kubernetes.io/managed-by");
    FlinkResources.sessionJobs(client)
        .inNamespace(K8sTestData.NAMESPACE)
        .resource(foreignJob)
        .create();
    client
        .configMaps()
        .inNamespace(K8sTestData.NAMESPACE)
        .resource(new ConfigMapBuilder().withNewMetadata().withName("theirs").endMetadata().build())
        .create();
    client
        .configMaps()
        .inNamespace(K8sTestData.NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("ours")
                .addToLabels(K8sTestData.RUN.labels())
                .endMetadata()
                .build())
        .create();
    client
        .configMaps()
        .inNamespace(K8sTestData.NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("another-runs")
                .addToLabels(new RunId("r260101-000000-zzzz").labels())
                .endMetadata()
                .build())
        .create();

    ManagedObjects.deleteRun(client, K8sTestData.NAMESPACE, K8sTestData.RUN, Duration.ofSeconds(5));

    assertThat(
            FlinkResources.sessionJobs(client).inNamespace(K8sTestData.NAMESPACE).list().getItems())
        .extracting(r -> r.getMetadata().getName())
        .containsExactly("someone-elses-job");
    assertThat(
            FlinkResources.deployments(client).inNamespace(K8sTestData.NAMESPACE).list().getItems())
        .isEmpty();
    assertThat(client.configMaps().inNamespace(K8sTestData.NAMESPACE).list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .containsExactlyInAnyOrder("theirs", "another-runs");
  }
}
