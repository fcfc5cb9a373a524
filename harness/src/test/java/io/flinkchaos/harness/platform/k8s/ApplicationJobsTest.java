package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.flinkchaos.harness.flink.SnapshotPaths;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Application mode against the fabric8 mock API server, with {@link FakeApplicationOperator}
 * writing the FlinkDeployment status sequences of the operator's release-1.15.0 sources.
 */
@EnableKubernetesMockClient(crud = true)
class ApplicationJobsTest {

  static final String JOB_A = SessionJobsTest.JOB_A;
  static final String JOB_B = SessionJobsTest.JOB_B;
  static final String CLUSTER = "fc-r260512-143000-test-1";
  static final String DEPLOYMENT = CLUSTER + "-1";
  static final String SAVEPOINT = "s3://flink-chaos/savepoints/savepoint-00000a-0123456789ab";

  KubernetesMockServer server;
  KubernetesClient client;

  private ApplicationJobs jobs;
  private FakeApplicationOperator operator;
  private final List<String> deploymentsSwitchedTo = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    jobs =
        K8sTestData.applicationJobs(
            client,
            CLUSTER,
            (manifests, job) -> SessionJobsTest.JAR_URI,
            deploymentsSwitchedTo::add);
    operator = new FakeApplicationOperator(client, K8sTestData.NAMESPACE);
  }

  @AfterEach
  void tearDown() {
    operator.delete(DEPLOYMENT);
    jobs.close();
  }

  private DeployedJob deployRunning(String jobId) {
    CompletableFuture<Void> fake = operator.runningOnceCreated(DEPLOYMENT, jobId);
    DeployedJob job = jobs.deploy(K8sTestData.job("v1", 2), null);
    fake.join();
    return job;
  }

  private GenericKubernetesResource deployment() {
    return FlinkResources.deployments(client)
        .inNamespace(K8sTestData.NAMESPACE)
        .withName(DEPLOYMENT)
        .get();
  }

  @Test
  void deployCreatesAFlinkDeploymentWithTheJobAndReturnsTheIdTheOperatorChose() {
    DeployedJob job = deployRunning(JOB_A);

    assertThat(job.jobId().toHexString()).isEqualTo(JOB_A);
    assertThat(deploymentsSwitchedTo).containsExactly(DEPLOYMENT);
    var root = deployment().getAdditionalProperties();
    assertThat(Tree.string(root, "spec", "job", "jarURI")).isEqualTo(SessionJobsTest.JAR_URI);
    assertThat(Tree.string(root, "spec", "job", "entryClass"))
        .isEqualTo("io.flinkchaos.fixtures.SequenceJob");
    assertThat(Tree.string(root, "spec", "job", "state")).isEqualTo("running");
    assertThat(Tree.get(root, "spec", "job", "args")).isEqualTo(List.of("--version", "v1"));
    assertThat(Tree.string(root, "spec", "flinkConfiguration", "execution.checkpointing.interval"))
        .as("the job's configuration is the application cluster's")
        .isEqualTo("2 s");
    assertThat(deployment().getMetadata().getLabels())
        .containsAllEntriesOf(K8sTestData.RUN.labels());
    assertThat(operator.written().get(operator.written().size() - 1)).contains("RUNNING");
  }

  @Test
  void aSecondJobWhileOneRunsIsRefusedInOneLine() {
    deployRunning(JOB_A);

    assertThatThrownBy(() -> jobs.deploy(K8sTestData.job("v1", 2), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "application mode runs one job per cluster and [" + DEPLOYMENT + "] still runs one")
        .hasMessageContaining("-Dharness.k8s.mode=session")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aSavepointUpgradeRunsTheHookBeforeTheOldJobStopsAndRunsANewJobFromTheSavepoint() {
    DeployedJob v1 = deployRunning(JOB_A);
    CountDownLatch stopped = new CountDownLatch(1);
    CompletableFuture<Void> fake =
        operator.upgrade(DEPLOYMENT, "savepoint", JOB_A, JOB_B, SAVEPOINT, stopped);
    List<OperatorStatus> atHook = new CopyOnWriteArrayList<>();

    UpgradeOutcome outcome =
        jobs.upgrade(
            v1,
            K8sTestData.job("v2", 2),
            UpgradeMode.SAVEPOINT,
            () -> {
              atHook.add(jobs.observe(DEPLOYMENT));
              stopped.countDown();
            });
    fake.join();

    assertThat(atHook)
        .singleElement()
        .satisfies(s -> assertThat(s.jobState()).isEqualTo("RUNNING"));
    assertThat(outcome.job().jobId().toHexString())
        .as("savepoint upgrades rotate the job id (ApplicationReconcilerTest#testUpgrade)")
        .isEqualTo(JOB_B);
    assertThat(outcome.snapshotKind()).isEqualTo(SnapshotKind.SAVEPOINT);
    assertThat(outcome.snapshotPath()).isEqualTo(SAVEPOINT);
    assertThat(Tree.get(deployment().getAdditionalProperties(), "spec", "job", "args"))
        .isEqualTo(List.of("--version", "v2"));
  }

  @Test
  void aLastStateUpgradeKeepsTheJobIdAndWaitsForTheRedeployNotTheOldRunningStatus() {
    DeployedJob v1 = deployRunning(JOB_A);
    CountDownLatch stopped = new CountDownLatch(1);
    CompletableFuture<Void> fake =
        operator.upgrade(DEPLOYMENT, "last-state", JOB_A, JOB_B, null, stopped);

    UpgradeOutcome outcome =
        jobs.upgrade(v1, K8sTestData.job("v2", 2), UpgradeMode.LAST_STATE, stopped::countDown);
    List<String> writtenWhenReturned = operator.written();
    fake.join();

    assertThat(outcome.job().jobId().toHexString())
        .as("the HA metadata keeps the job id")
        .isEqualTo(JOB_A);
    int stoppedAt = indexOf(writtenWhenReturned, "FINISHED", 0);
    assertThat(stoppedAt)
        .as("returned after the old job stopped: %s", writtenWhenReturned)
        .isNotNegative();
    assertThat(indexOf(writtenWhenReturned, "RUNNING, lifecycle DEPLOYED", stoppedAt))
        .as(
            "returned only after the redeployed job was RUNNING and reconciled, not on the RUNNING"
                + " status from before the stop: %s",
            writtenWhenReturned)
        .isPositive();
    assertThat(outcome.applied()).isEqualTo(UpgradeMode.LAST_STATE);
    assertThat(outcome.snapshotKind()).isEqualTo(SnapshotKind.CHECKPOINT);
    assertThat(outcome.snapshotPath()).isEqualTo(SnapshotPaths.LATEST_IN_HA);
  }

  private static int indexOf(List<String> written, String text, int from) {
    for (int i = Math.max(from, 0); i < written.size(); i++) {
      if (written.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void aStatelessUpgradeStartsANewJobWithoutState() {
    DeployedJob v1 = deployRunning(JOB_A);
    CountDownLatch stopped = new CountDownLatch(1);
    CompletableFuture<Void> fake =
        operator.upgrade(DEPLOYMENT, "stateless", JOB_A, JOB_B, null, stopped);

    UpgradeOutcome outcome =
        jobs.upgrade(v1, K8sTestData.job("v2", 2), UpgradeMode.STATELESS, stopped::countDown);
    fake.join();

    assertThat(outcome.job().jobId().toHexString()).isEqualTo(JOB_B);
    assertThat(outcome.snapshotKind()).isEqualTo(SnapshotKind.NONE);
  }

  @Test
  void suspendAndResumeWithASavepoint() {
    DeployedJob v1 = deployRunning(JOB_A);
    CompletableFuture<Void> suspending = operator.suspend(DEPLOYMENT, JOB_A, SAVEPOINT);

    UpgradeOutcome suspension = jobs.suspend(v1, UpgradeMode.SAVEPOINT);
    suspending.join();
    CompletableFuture<Void> resuming = operator.resume(DEPLOYMENT, JOB_A, JOB_B);
    DeployedJob resumed = jobs.resume(suspension, K8sTestData.job("v1", 2));
    resuming.join();

    assertThat(suspension.job()).isNull();
    assertThat(suspension.snapshotKind()).isEqualTo(SnapshotKind.SAVEPOINT);
    assertThat(suspension.snapshotPath()).isEqualTo(SAVEPOINT);
    assertThat(resumed.jobId().toHexString()).isEqualTo(JOB_B);
    assertThat(Tree.string(deployment().getAdditionalProperties(), "spec", "job", "state"))
        .isEqualTo("running");
  }

  @Test
  void aJobLeftSuspendedIsDeletedBeforeTheNextJobDeploys() {
    DeployedJob v1 = deployRunning(JOB_A);
    CompletableFuture<Void> suspending = operator.suspend(DEPLOYMENT, JOB_A, SAVEPOINT);
    jobs.suspend(v1, UpgradeMode.SAVEPOINT);
    suspending.join();
    CompletableFuture<Void> deleted = operator.delete(DEPLOYMENT);
    CompletableFuture<Void> next = operator.runningOnceCreated(CLUSTER + "-2", JOB_B);

    DeployedJob job = jobs.deploy(K8sTestData.job("v1", 2), null);
    deleted.join();
    next.join();

    assertThat(deployment()).as("the suspended FlinkDeployment").isNull();
    assertThat(job.jobId().toHexString()).isEqualTo(JOB_B);
    assertThat(jobs.names()).containsExactly(CLUSTER + "-2");
    operator.delete(CLUSTER + "-2");
  }

  @Test
  void cancelDeletesTheFlinkDeploymentAndWaitsUntilItIsGone() {
    DeployedJob job = deployRunning(JOB_A);
    CompletableFuture<Void> fake = operator.delete(DEPLOYMENT);

    jobs.cancel(job);
    fake.join();

    assertThat(deployment()).isNull();
    assertThat(jobs.names()).isEmpty();
  }
}
