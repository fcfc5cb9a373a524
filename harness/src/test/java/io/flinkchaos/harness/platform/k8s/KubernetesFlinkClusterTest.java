package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.report.Evidence;
import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import io.flinkchaos.harness.wait.UnexpectedStateException;
import io.flinkchaos.harness.wait.WaitTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesFlinkClusterTest {

  static final String JOB_A = "0000000000000000000000000000000a";
  static final String JOB_B = "0000000000000000000000000000000b";
  static final String CLUSTER = "flink-chaos-1";
  static final String SESSION_JOB = "flink-chaos-1-sequence-1";
  static final String JAR_URI = "http://minio.chaos-test.svc:9000/flink-chaos/jars/fake.jar";

  KubernetesMockServer server;
  KubernetesClient client;

  private KubernetesFlinkCluster cluster;
  private FakeOperator operator;

  @BeforeEach
  void setUp() {
    K8sSettings settings = K8sTestData.settings();
    cluster =
        new KubernetesFlinkCluster(
            client,
            K8sTestData.NAMESPACE,
            K8sTestData.NAMESPACE,
            CLUSTER,
            ClusterSpec.of(3),
            K8sTestData.fakeS3Storage(),
            new FlinkManifests(settings),
            jar -> JAR_URI, // fake jar delivery: nothing is uploaded
            K8sTestData.SHORT);
    operator = new FakeOperator(client, K8sTestData.NAMESPACE);
  }

  private DeployedJob deployRunning(String jobId) {
    CompletableFuture<Void> fake =
        CompletableFuture.runAsync(
            () -> {
              operator.awaitSessionJob(SESSION_JOB);
              operator.status(SESSION_JOB, FakeOperator.running(jobId));
            });
    DeployedJob job = cluster.deploy(K8sTestData.job("v1", 2), null);
    fake.join();
    return job;
  }

  @Test
  void applyCreatesTheSessionClusterFlinkDeployment() throws InterruptedException {
    cluster.apply(K8sTestData.IN_CLUSTER_S3, InClusterMinio.SECRET);

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
    assertThat(deployment.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "flink-chaos");
    assertThat(
            Tree.string(
                deployment.getAdditionalProperties(),
                "spec",
                "flinkConfiguration",
                "slotmanager.number-of-slots.min"))
        .isEqualTo("6");
  }

  @Test
  void deployCreatesTheSessionJobAndReturnsOnceTheOperatorReportsItRunning() {
    DeployedJob job = deployRunning(JOB_A);

    assertThat(job.jobId().toHexString()).isEqualTo(JOB_A);
    assertThat(job.restorePath()).isNull();
    GenericKubernetesResource created =
        FlinkResources.sessionJobs(client)
            .inNamespace(K8sTestData.NAMESPACE)
            .withName(SESSION_JOB)
            .get();
    assertThat(Tree.string(created.getAdditionalProperties(), "spec", "deploymentName"))
        .isEqualTo(CLUSTER);
    assertThat(Tree.string(created.getAdditionalProperties(), "spec", "job", "jarURI"))
        .isEqualTo(JAR_URI);
    assertThat(cluster.sessionJobOf(job)).isEqualTo(SESSION_JOB);
  }

  @Test
  void deployFromASnapshotSetsInitialSavepointPathToTheMetadataFile() {
    CompletableFuture<GenericKubernetesResource> fake =
        CompletableFuture.supplyAsync(
            () -> {
              GenericKubernetesResource seen = operator.awaitSessionJob(SESSION_JOB);
              operator.status(SESSION_JOB, FakeOperator.running(JOB_A));
              return seen;
            });
    DeployedJob job = cluster.deploy(K8sTestData.job("v1", 2), "s3://flink-chaos/sp/savepoint-1");

    assertThat(job.restorePath()).isEqualTo("s3://flink-chaos/sp/savepoint-1");
    assertThat(
            Tree.string(
                fake.join().getAdditionalProperties(), "spec", "job", "initialSavepointPath"))
        .isEqualTo("s3://flink-chaos/sp/savepoint-1/_metadata");
  }

  @Test
  void deployTimesOutWithOneLineNamingTheResourceAndTheLastStatus() {
    CompletableFuture<Void> fake =
        CompletableFuture.runAsync(
            () -> {
              operator.awaitSessionJob(SESSION_JOB);
              operator.status(
                  SESSION_JOB, FakeOperator.jobStatus(null, "RECONCILING", "DEPLOYED", null));
            });
    KubernetesFlinkCluster impatient =
        new KubernetesFlinkCluster(
            client,
            K8sTestData.NAMESPACE,
            K8sTestData.NAMESPACE,
            CLUSTER,
            ClusterSpec.of(1),
            K8sTestData.fakeS3Storage(),
            new FlinkManifests(K8sTestData.settings()),
            jar -> JAR_URI,
            new K8sSettings.K8sTimeouts(
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2)));

    assertThatThrownBy(() -> impatient.deploy(K8sTestData.job("v1", 1), null))
        .isInstanceOf(WaitTimeoutException.class)
        .hasMessageStartingWith(
            "Timed out after 2 s waiting for FlinkSessionJob chaos-test/"
                + SESSION_JOB
                + " RUNNING with a job id")
        .hasMessageContaining("last observed: job (no id) RECONCILING, lifecycle DEPLOYED")
        .hasMessageNotContaining("\n");
    fake.join();
  }

  @Test
  void aFailedJobFailsTheDeployFastWithTheOperatorsError() {
    CompletableFuture<Void> fake =
        CompletableFuture.runAsync(
            () -> {
              operator.awaitSessionJob(SESSION_JOB);
              Map<String, Object> failed = FakeOperator.jobStatus(JOB_A, "FAILED", "FAILED", null);
              failed.put(
                  "error",
                  "{\"type\":\"org.apache.flink.runtime.JobException\","
                      + "\"message\":\"Recovery is suppressed\"}");
              operator.status(SESSION_JOB, failed);
            });
    long started = System.nanoTime();

    assertThatThrownBy(() -> cluster.deploy(K8sTestData.job("v1", 2), null))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("lifecycle state is FAILED")
        .hasMessageContaining("Recovery is suppressed");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(K8sTestData.SHORT.deploy());
    fake.join();
  }

  @Test
  void aValidationErrorFailsTheDeployFast() {
    CompletableFuture<Void> fake =
        CompletableFuture.runAsync(
            () -> {
              operator.awaitSessionJob(SESSION_JOB);
              operator.status(
                  SESSION_JOB,
                  Map.of(
                      "lifecycleState",
                      "CREATED",
                      "error",
                      "{\"type\":\"org.apache.flink.kubernetes.operator.exception.ValidationException\","
                          + "\"message\":\"Unsupported artifact scheme: http\"}"));
            });

    assertThatThrownBy(() -> cluster.deploy(K8sTestData.job("v1", 2), null))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("the operator rejected the spec")
        .hasMessageContaining("Unsupported artifact scheme: http");
    fake.join();
  }

  private void pod(String name, String app, String component) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(K8sTestData.NAMESPACE)
            .addToLabels("app", app)
            .addToLabels("component", component)
            .endMetadata()
            .build();
    client.pods().inNamespace(K8sTestData.NAMESPACE).resource(pod).create();
  }

  private List<String> podNames() {
    return client.pods().inNamespace(K8sTestData.NAMESPACE).list().getItems().stream()
        .map(p -> p.getMetadata().getName())
        .sorted()
        .toList();
  }

  @Test
  void killTaskManagerDeletesTheNthTaskManagerPodOfThisClusterByName() {
    pod("flink-chaos-1-taskmanager-1-3", CLUSTER, "taskmanager");
    pod("flink-chaos-1-taskmanager-1-1", CLUSTER, "taskmanager");
    pod("flink-chaos-1-taskmanager-1-2", CLUSTER, "taskmanager");
    pod("flink-chaos-1-7d9f-jm", CLUSTER, "jobmanager");
    pod("other-taskmanager-1-1", "other", "taskmanager");

    cluster.killTaskManager(2);

    assertThat(podNames())
        .containsExactly(
            "flink-chaos-1-7d9f-jm",
            "flink-chaos-1-taskmanager-1-1",
            "flink-chaos-1-taskmanager-1-3",
            "other-taskmanager-1-1");
    assertThatThrownBy(() -> cluster.killTaskManager(3))
        .hasMessage(
            "no TaskManager 3 in chaos-test/flink-chaos-1: there are 2"
                + " (flink-chaos-1-taskmanager-1-1, flink-chaos-1-taskmanager-1-3)");
  }

  @Test
  void takingATaskManagerDownCapsPodsByQuotaAndBringingItBackRemovesTheQuota() {
    pod("flink-chaos-1-taskmanager-1-1", CLUSTER, "taskmanager");
    pod("flink-chaos-1-taskmanager-1-2", CLUSTER, "taskmanager");
    pod("flink-chaos-1-7d9f-jm", CLUSTER, "jobmanager");
    pod("minio-6f7c", "minio", "none");

    cluster.takeTaskManagerDown(1);

    assertThat(podNames())
        .containsExactly("flink-chaos-1-7d9f-jm", "flink-chaos-1-taskmanager-1-2", "minio-6f7c");
    var quota =
        client
            .resourceQuotas()
            .inNamespace(K8sTestData.NAMESPACE)
            .withName("flink-chaos-1-taskmanager-down")
            .get();
    assertThat(quota.getSpec().getHard().get("pods").toString()).isEqualTo("3");
    assertThat(quota.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "flink-chaos");

    client
        .resourceQuotas()
        .inNamespace(K8sTestData.NAMESPACE)
        .withName("flink-chaos-1-taskmanager-down")
        .delete();
    assertThat(client.resourceQuotas().inNamespace(K8sTestData.NAMESPACE).list().getItems())
        .isEmpty();
  }

  @Test
  void killJobManagerAndKillOperatorDeleteOnlyThoseRolesPods() {
    pod("flink-chaos-1-taskmanager-1-1", CLUSTER, "taskmanager");
    pod("flink-chaos-1-7d9f-jm", CLUSTER, "jobmanager");
    pod("other-jm", "other", "jobmanager");
    client
        .pods()
        .inNamespace(K8sTestData.NAMESPACE)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("flink-kubernetes-operator-5c8d")
                .withNamespace(K8sTestData.NAMESPACE)
                .addToLabels("app.kubernetes.io/name", "flink-kubernetes-operator")
                .endMetadata()
                .build())
        .create();

    cluster.killJobManager();
    assertThat(podNames())
        .containsExactly(
            "flink-chaos-1-taskmanager-1-1", "flink-kubernetes-operator-5c8d", "other-jm");

    cluster.killOperator();
    assertThat(podNames()).containsExactly("flink-chaos-1-taskmanager-1-1", "other-jm");
  }

  @Test
  void upgradePatchesTheSpecWithTheModeAndReadsTheUpgradeSavepointPath() throws Exception {
    DeployedJob v1 = deployRunning(JOB_A);
    CountDownLatch snapshotting = new CountDownLatch(1);
    String savepoint = "s3://flink-chaos/run/cluster-1/savepoints/savepoint-00000a-1234";
    CompletableFuture<GenericKubernetesResource> fake =
        CompletableFuture.supplyAsync(
            () -> {
              GenericKubernetesResource patched =
                  operator.awaitSessionJob(
                      SESSION_JOB,
                      r ->
                          "savepoint"
                                  .equals(
                                      Tree.string(
                                          r.getAdditionalProperties(),
                                          "spec",
                                          "job",
                                          "upgradeMode"))
                              && "1"
                                  .equals(
                                      Tree.string(
                                          r.getAdditionalProperties(), "spec", "restartNonce")));
              operator.status(
                  SESSION_JOB, FakeOperator.jobStatus(JOB_A, "FINISHED", "UPGRADING", null));
              try {
                if (!snapshotting.await(FakeOperator.WAIT_SECONDS, TimeUnit.SECONDS)) {
                  throw new AssertionError("whileSnapshotting did not run during the upgrade");
                }
              } catch (InterruptedException e) {
                throw new AssertionError(e);
              }
              operator.status(
                  SESSION_JOB, FakeOperator.jobStatus(JOB_B, "RUNNING", "STABLE", savepoint));
              return patched;
            });

    UpgradeOutcome outcome =
        cluster.upgrade(
            v1, K8sTestData.job("v2", 4), UpgradeMode.SAVEPOINT, snapshotting::countDown);

    Map<String, Object> spec = fake.join().getAdditionalProperties();
    assertThat(Tree.get(spec, "spec", "job", "parallelism")).isEqualTo(4);
    assertThat(Tree.get(spec, "spec", "job", "args")).isEqualTo(List.of("--version", "v2"));
    assertThat(outcome.requested()).isEqualTo(UpgradeMode.SAVEPOINT);
    assertThat(outcome.applied()).isEqualTo(UpgradeMode.SAVEPOINT);
    assertThat(outcome.snapshotKind()).isEqualTo(SnapshotKind.SAVEPOINT);
    assertThat(outcome.snapshotPath()).isEqualTo(savepoint);
    assertThat(outcome.job().jobId().toHexString()).isEqualTo(JOB_B);
    assertThat(cluster.sessionJobOf(outcome.job())).isEqualTo(SESSION_JOB);
  }

  private static SessionJobStatus runningNewJobAfterUpgradeFrom(String upgradeSavepointPath) {
    return new SessionJobStatus(
        true, 2L, 2L, JOB_B, "RUNNING", "STABLE", "DEPLOYED", null, upgradeSavepointPath, null);
  }

  @Test
  void aCheckpointPathAfterASavepointRequestIsReportedAsTheLastStateFallback() {
    SessionJobStatus before = SessionJobStatus.MISSING;
    SessionJobStatus after =
        runningNewJobAfterUpgradeFrom("s3://b/checkpoints/" + JOB_A + "/chk-7");

    KubernetesFlinkCluster.Snapshot snapshot =
        KubernetesFlinkCluster.snapshotOf(UpgradeMode.SAVEPOINT, before, after);
    assertThat(snapshot.applied()).isEqualTo(UpgradeMode.LAST_STATE);
    assertThat(snapshot.kind()).isEqualTo(SnapshotKind.CHECKPOINT);
    assertThat(KubernetesFlinkCluster.snapshotOf(UpgradeMode.STATELESS, before, after).kind())
        .isEqualTo(SnapshotKind.NONE);
    SessionJobStatus marker = runningNewJobAfterUpgradeFrom("KUBERNETES_OPERATOR_LAST_STATE");
    assertThat(KubernetesFlinkCluster.snapshotOf(UpgradeMode.LAST_STATE, before, marker))
        .isEqualTo(
            new KubernetesFlinkCluster.Snapshot(
                UpgradeMode.LAST_STATE, SnapshotKind.CHECKPOINT, null));
  }

  @Test
  void suspendAndResumeToggleJobStateAndWaitForTheOperator() {
    DeployedJob v1 = deployRunning(JOB_A);
    String checkpoint = "s3://flink-chaos/run/cluster-1/checkpoints/" + JOB_A + "/chk-3";
    CompletableFuture<Void> fake =
        CompletableFuture.runAsync(
            () -> {
              operator.awaitSessionJob(
                  SESSION_JOB,
                  r ->
                      "suspended"
                          .equals(
                              Tree.string(r.getAdditionalProperties(), "spec", "job", "state")));
              operator.status(
                  SESSION_JOB, FakeOperator.jobStatus(JOB_A, "FINISHED", "SUSPENDED", checkpoint));
              operator.awaitSessionJob(
                  SESSION_JOB,
                  r ->
                      "running"
                          .equals(
                              Tree.string(r.getAdditionalProperties(), "spec", "job", "state")));
              operator.status(SESSION_JOB, FakeOperator.running(JOB_B));
            });

    UpgradeOutcome suspension = cluster.suspend(v1, UpgradeMode.LAST_STATE);
    assertThat(suspension.job()).isNull();
    assertThat(suspension.snapshotKind()).isEqualTo(SnapshotKind.CHECKPOINT);
    assertThat(suspension.snapshotPath()).isEqualTo(checkpoint);

    DeployedJob resumed = cluster.resume(suspension, K8sTestData.job("v1", 2));
    fake.join();
    assertThat(resumed.jobId().toHexString()).isEqualTo(JOB_B);
    assertThat(resumed.restorePath()).isEqualTo(checkpoint);
  }

  @Test
  void cancelDeletesTheSessionJob() {
    DeployedJob job = deployRunning(JOB_A);

    cluster.cancel(job);

    assertThat(cluster.observe(SESSION_JOB).exists()).isFalse();
    assertThatThrownBy(() -> cluster.sessionJobOf(job)).hasMessageContaining("not deployed");
  }

  @Test
  void evidenceHoldsTheResourcesStatusAndEventsWithoutFailing() {
    cluster.apply(K8sTestData.IN_CLUSTER_S3, InClusterMinio.SECRET);
    deployRunning(JOB_A);
    Evidence evidence = new Evidence();

    cluster.collectEvidence(evidence);

    assertThat(evidence.items())
        .extracting(Evidence.Item::name)
        .contains(
            "k8s chaos-test/flink-chaos-1 FlinkDeployment",
            "k8s chaos-test/flink-chaos-1-sequence-1 FlinkSessionJob");
    assertThat(evidence.items())
        .filteredOn(i -> i.name().endsWith("FlinkSessionJob"))
        .singleElement()
        .satisfies(i -> assertThat(i.text()).contains("RUNNING", JOB_A));
    assertThat(evidence.items())
        .filteredOn(i -> i.name().endsWith("FlinkSessionJob status changes"))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.text())
                    .as("the informer saw the operator's status changes in order")
                    .contains("flink-chaos-1-sequence-1: job (no id)")
                    .contains("flink-chaos-1-sequence-1: job " + JOB_A + " RUNNING"));
  }

  @Test
  void cleanupDeletesOnlyObjectsLabelledManagedByFlinkChaos() {
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
                .addToLabels("app.kubernetes.io/managed-by", "flink-chaos")
                .endMetadata()
                .build())
        .create();

    ManagedObjects.deleteAll(client, K8sTestData.NAMESPACE, Duration.ofSeconds(5));

    assertThat(
            FlinkResources.sessionJobs(client).inNamespace(K8sTestData.NAMESPACE).list().getItems())
        .extracting(r -> r.getMetadata().getName())
        .containsExactly("someone-elses-job");
    assertThat(
            FlinkResources.deployments(client).inNamespace(K8sTestData.NAMESPACE).list().getItems())
        .isEmpty();
    assertThat(client.configMaps().inNamespace(K8sTestData.NAMESPACE).list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .containsExactly("theirs");
  }
}
