package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.upgrade.FlinkVersionUpgradeOutcome;
import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job upgraded together with its FlinkDeployment's Flink version, against the fabric8 mock API
 * server, with {@link FakeApplicationOperator#flinkVersionUpgrade} writing the status the
 * operator's release-1.15.0 sources write for a {@code flinkVersion} change
 * (reconciler/deployment/AbstractJobReconciler.getJobUpgrade, reconcileSpecChange,
 * ApplicationReconciler.cancelJob; the same in release-1.14.0). Only the mock: no operator has run
 * these edits.
 */
@EnableKubernetesMockClient(crud = true)
class FlinkVersionUpgradeTest {

  static final String JOB_A = SessionJobsTest.JOB_A;
  static final String JOB_B = SessionJobsTest.JOB_B;
  static final String CLUSTER = ApplicationJobsTest.CLUSTER;
  static final String DEPLOYMENT = ApplicationJobsTest.DEPLOYMENT;
  static final String SAVEPOINT = ApplicationJobsTest.SAVEPOINT;
  static final String CHECKPOINT = "s3://flink-chaos/checkpoints/" + JOB_A + "/chk-12";

  KubernetesMockServer server;
  KubernetesClient client;

  private ApplicationJobs jobs;
  private FakeApplicationOperator operator;

  @BeforeEach
  void setUp() {
    jobs =
        K8sTestData.applicationJobs(
            client, CLUSTER, (manifests, job) -> SessionJobsTest.JAR_URI, name -> {});
    operator = new FakeApplicationOperator(client, K8sTestData.NAMESPACE);
  }

  @AfterEach
  void tearDown() {
    operator.delete(DEPLOYMENT);
    jobs.close();
  }

  private DeployedJob deployRunning() {
    CompletableFuture<Void> fake = operator.runningOnceCreated(DEPLOYMENT, JOB_A);
    DeployedJob job = jobs.deploy(K8sTestData.job("v1", 2), null);
    fake.join();
    return job;
  }

  private Map<String, Object> spec() {
    GenericKubernetesResource deployment =
        FlinkResources.deployments(client)
            .inNamespace(K8sTestData.NAMESPACE)
            .withName(DEPLOYMENT)
            .get();
    return Tree.map(deployment.getAdditionalProperties(), "spec");
  }

  private FlinkVersionUpgradeOutcome upgradeTo221(DeployedJob v1, String operatorsSnapshot) {
    CountDownLatch stopped = new CountDownLatch(1);
    CompletableFuture<Void> fake =
        operator.flinkVersionUpgrade(DEPLOYMENT, JOB_A, JOB_B, operatorsSnapshot, stopped);
    stopped.countDown();
    FlinkVersionUpgradeOutcome outcome =
        jobs.upgrade(v1, K8sTestData.job("v2", 2), "2.2.1", UpgradeMode.LAST_STATE);
    fake.join();
    return outcome;
  }

  @Test
  void theEditAsksLastStateOnTheNewImageFlinkVersionAndS3Plugin() {
    DeployedJob v1 = deployRunning();
    assertThat(jobs.flinkVersionOf(v1)).isEqualTo("v1_20");

    upgradeTo221(v1, SAVEPOINT);

    Map<String, Object> spec = spec();
    assertThat(spec.get("image")).isEqualTo("flink:2.2.1-java17");
    assertThat(spec.get("flinkVersion")).isEqualTo("v2_2");
    assertThat(MainContainer.of(spec).envValue("ENABLE_BUILT_IN_PLUGINS"))
        .as("the image's entrypoint exits unless the jar named is the image's")
        .isEqualTo("flink-s3-fs-hadoop-2.2.1.jar");
    assertThat(Tree.string(spec, "job", "upgradeMode"))
        .as("the harness asks what the scenario asks; the operator decides")
        .isEqualTo("last-state");
    assertThat(Tree.get(spec, "job", "args")).isEqualTo(List.of("--version", "v2"));
  }

  @Test
  void aLastStateUpgradeAcrossVersionsReportsTheSavepointTheOperatorTook() {
    DeployedJob v1 = deployRunning();

    FlinkVersionUpgradeOutcome outcome = upgradeTo221(v1, SAVEPOINT);

    UpgradeOutcome upgrade = outcome.upgrade();
    assertThat(upgrade.requested()).isEqualTo(UpgradeMode.LAST_STATE);
    assertThat(upgrade.applied()).isEqualTo(UpgradeMode.SAVEPOINT);
    assertThat(upgrade.snapshotKind()).isEqualTo(SnapshotKind.SAVEPOINT);
    assertThat(upgrade.job().jobId().toHexString())
        .as("a restore by path rotates the job id (ApplicationReconciler.setJobIdIfNecessary)")
        .isEqualTo(JOB_B);
    assertThat(outcome.report())
        .isEqualTo(
            "asked last-state, the operator took a savepoint (Flink version v1_20 → v2_2): "
                + SAVEPOINT
                + "; it recorded upgradeMode savepoint and flinkVersion v2_2");
    assertThat(outcome.notASavepointForTheVersionChange()).isEmpty();
  }

  @Test
  void aCancelledJobRestoredFromItsCheckpointIsReportedAsSuchAndIsNotTheSavepoint() {
    DeployedJob v1 = deployRunning();

    FlinkVersionUpgradeOutcome outcome = upgradeTo221(v1, CHECKPOINT);

    assertThat(outcome.upgrade().snapshotKind()).isEqualTo(SnapshotKind.CHECKPOINT);
    assertThat(outcome.report())
        .startsWith(
            "asked last-state, the operator restored the latest checkpoint (last-state) (Flink"
                + " version v1_20 → v2_2): "
                + CHECKPOINT)
        .endsWith("it recorded upgradeMode savepoint and flinkVersion v2_2");
    assertThat(outcome.notASavepointForTheVersionChange()).contains(outcome.report());
  }

  @Test
  void aLaterUpgradeKeepsTheFlinkVersionTheDeploymentWasUpgradedTo() {
    DeployedJob v1 = deployRunning();
    DeployedJob v2 = upgradeTo221(v1, SAVEPOINT).upgrade().job();
    CountDownLatch stopped = new CountDownLatch(1);
    CompletableFuture<Void> fake =
        operator.upgrade(DEPLOYMENT, "savepoint", JOB_B, JOB_A, SAVEPOINT + "-2", stopped);
    stopped.countDown();

    DeployedJob v3 =
        jobs.upgrade(v2, K8sTestData.job("v1", 2), UpgradeMode.SAVEPOINT, () -> {}).job();
    fake.join();

    assertThat(spec().get("image")).isEqualTo("flink:2.2.1-java17");
    assertThat(spec().get("flinkVersion")).isEqualTo("v2_2");
    assertThat(MainContainer.of(spec()).envValue("ENABLE_BUILT_IN_PLUGINS"))
        .isEqualTo("flink-s3-fs-hadoop-2.2.1.jar");
    assertThat(jobs.flinkVersionOf(v3)).isEqualTo("v2_2");
  }

  @Test
  void onlyTheApplicationModeCanChangeAJobsFlinkVersionAndSessionModeSaysWhyInOneLine() {
    assertThat(
            KubernetesFlinkClusterTest.cluster(client, ClusterMode.APPLICATION)
                .flinkVersionUpgrades()
                .get())
        .isPresent();
    assertThat(
            KubernetesFlinkClusterTest.cluster(client, ClusterMode.SESSION)
                .flinkVersionUpgrades()
                .missingBecause())
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("session mode")
                    .endsWith("run with -Dharness.k8s.mode=application")
                    .doesNotContain("\n"));
  }
}
