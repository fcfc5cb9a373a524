package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import io.flinkchaos.harness.wait.UnexpectedStateException;
import io.flinkchaos.harness.wait.WaitTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SessionJobsTest {

  static final String JOB_A = "0000000000000000000000000000000a";
  static final String JOB_B = "0000000000000000000000000000000b";
  static final String CLUSTER = "flink-chaos-1";
  static final String SESSION_JOB = "flink-chaos-1-sequence-1";
  static final String JAR_URI = "http://minio.chaos-test.svc:9000/flink-chaos/jars/fake.jar";

  /** The mock server answers slowly on a loaded machine; the fake's sequences take many writes. */
  static final K8sSettings.K8sTimeouts PATIENT =
      new K8sSettings.K8sTimeouts(
          Duration.ofSeconds(30),
          Duration.ofSeconds(30),
          Duration.ofSeconds(30),
          Duration.ofSeconds(30));

  KubernetesMockServer server;
  KubernetesClient client;

  private SessionJobs jobs;
  private FakeOperator operator;

  @BeforeEach
  void setUp() {
    jobs = sessionJobs(PATIENT);
    operator = new FakeOperator(client, K8sTestData.NAMESPACE);
  }

  @AfterEach
  void tearDown() {
    jobs.close();
  }

  private SessionJobs sessionJobs(K8sSettings.K8sTimeouts timeouts) {
    return new SessionJobs(
        client,
        K8sTestData.NAMESPACE,
        CLUSTER,
        K8sTestData.fakeS3Storage(),
        new FlinkManifests(K8sTestData.settings()),
        jar -> JAR_URI, // fake jar delivery: nothing is uploaded
        timeouts);
  }

  DeployedJob deployRunning(String jobId) {
    CompletableFuture<Void> fake = operator.runningOnceCreated(SESSION_JOB, jobId);
    DeployedJob job = jobs.deploy(K8sTestData.job("v1", 2), null);
    fake.join();
    return job;
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
    assertThat(jobs.resourceOf(job)).isEqualTo(SESSION_JOB);
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
    DeployedJob job = jobs.deploy(K8sTestData.job("v1", 2), "s3://flink-chaos/sp/savepoint-1");

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
    SessionJobs impatient =
        sessionJobs(
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
    impatient.close();
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

    assertThatThrownBy(() -> jobs.deploy(K8sTestData.job("v1", 2), null))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("lifecycle state is FAILED")
        .hasMessageContaining("Recovery is suppressed");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PATIENT.deploy());
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

    assertThatThrownBy(() -> jobs.deploy(K8sTestData.job("v1", 2), null))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("the operator rejected the spec")
        .hasMessageContaining("Unsupported artifact scheme: http");
    fake.join();
  }

  static final String SAVEPOINT = "s3://flink-chaos/run/cluster-1/savepoints/savepoint-00000a-1234";
  static final String CHECKPOINT = "s3://flink-chaos/run/cluster-1/checkpoints/" + JOB_A + "/chk-3";

  /**
   * The hook runs on the operator's SpecChanged/Suspended Events, while the status still shows the
   * old job RUNNING: in savepoint mode the operator writes nothing until stop-with-savepoint
   * returns (the fake holds the status until the hook ran), so a trigger on the status would fire
   * only after the savepoint and this test would time out in the fake.
   */
  @Test
  void aSavepointUpgradeRunsTheHookOnTheOperatorsEventsBeforeTheStatusChanges() {
    DeployedJob v1 = deployRunning(JOB_A);
    CountDownLatch hookRan = new CountDownLatch(1);
    List<OperatorStatus> atHook = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> fake =
        operator.savepointUpgrade(SESSION_JOB, JOB_B, SAVEPOINT, hookRan, atHook);

    UpgradeOutcome outcome =
        jobs.upgrade(v1, K8sTestData.job("v2", 4), UpgradeMode.SAVEPOINT, hookRan::countDown);
    fake.join();

    assertThat(atHook).singleElement().satisfies(s -> assertThat(s.jobId()).isEqualTo(JOB_A));
    assertThat(atHook.get(0).jobState()).isEqualTo("RUNNING");
    assertThat(atHook.get(0).lifecycleState()).isEqualTo("STABLE");
    Map<String, Object> spec = operator.awaitSessionJob(SESSION_JOB).getAdditionalProperties();
    assertThat(Tree.get(spec, "spec", "job", "parallelism")).isEqualTo(4);
    assertThat(Tree.get(spec, "spec", "job", "args")).isEqualTo(List.of("--version", "v2"));
    assertThat(Tree.string(spec, "spec", "job", "upgradeMode")).isEqualTo("savepoint");
    assertThat(outcome.requested()).isEqualTo(UpgradeMode.SAVEPOINT);
    assertThat(outcome.applied()).isEqualTo(UpgradeMode.SAVEPOINT);
    assertThat(outcome.snapshotKind()).isEqualTo(SnapshotKind.SAVEPOINT);
    assertThat(outcome.snapshotPath()).isEqualTo(SAVEPOINT);
    assertThat(outcome.job().jobId().toHexString()).isEqualTo(JOB_B);
    assertThat(jobs.resourceOf(outcome.job())).isEqualTo(SESSION_JOB);
    assertThat(outcome.failedAttempts()).as("the operator reported no failure").isEmpty();
    assertThat(jobs.transitions())
        .as("the watch saw the operator's sequence, jobId null after the savepoint")
        .anySatisfy(t -> assertThat(t).contains("job (no id) FINISHED, lifecycle UPGRADING"));
  }

  private UpgradeOutcome cancellingUpgrade(UpgradeMode mode, List<OperatorStatus> atHook) {
    DeployedJob v1 = deployRunning(JOB_A);
    CountDownLatch hookRan = new CountDownLatch(1);
    CompletableFuture<Void> fake =
        operator.cancellingUpgrade(
            SESSION_JOB, mode.label(), JOB_A, JOB_B, CHECKPOINT, hookRan, atHook);
    UpgradeOutcome outcome = jobs.upgrade(v1, K8sTestData.job("v2", 2), mode, hookRan::countDown);
    fake.join();
    assertThat(outcome.job().jobId().toHexString()).isEqualTo(JOB_B);
    assertThat(atHook)
        .singleElement()
        .satisfies(s -> assertThat(s.jobState()).isEqualTo("RUNNING"));
    assertThat(jobs.transitions())
        .anySatisfy(
            t -> assertThat(t).contains("job " + JOB_A + " CANCELLING, lifecycle UPGRADING"))
        .anySatisfy(t -> assertThat(t).contains("job " + JOB_A + " CANCELED"))
        .anySatisfy(t -> assertThat(t).contains("job (no id) FINISHED"));
    return outcome;
  }

  @Test
  void aLastStateUpgradeRestoresTheCheckpointTheOperatorRecordedAfterTheCancel() {
    UpgradeOutcome outcome =
        cancellingUpgrade(UpgradeMode.LAST_STATE, new CopyOnWriteArrayList<>());

    assertThat(outcome.applied()).isEqualTo(UpgradeMode.LAST_STATE);
    assertThat(outcome.snapshotKind()).isEqualTo(SnapshotKind.CHECKPOINT);
    assertThat(outcome.snapshotPath()).isEqualTo(CHECKPOINT);
  }

  @Test
  void aStatelessUpgradeStartsWithoutStateThoughTheOperatorRecordsACheckpoint() {
    UpgradeOutcome outcome = cancellingUpgrade(UpgradeMode.STATELESS, new CopyOnWriteArrayList<>());

    assertThat(outcome.applied()).isEqualTo(UpgradeMode.STATELESS);
    assertThat(outcome.snapshotKind()).isEqualTo(SnapshotKind.NONE);
    assertThat(outcome.snapshotPath()).isNull();
  }

  @Test
  void withoutAnyEventTheHookRunsOnceTheStatusMovesAndSaysSo() {
    DeployedJob v1 = deployRunning(JOB_A);
    List<String> statusAtHook = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> fake =
        CompletableFuture.runAsync(
            () -> {
              operator.awaitSessionJob(
                  SESSION_JOB,
                  r ->
                      "1".equals(Tree.string(r.getAdditionalProperties(), "spec", "restartNonce")));
              // an operator whose Events the harness cannot read: only the status is seen
              operator.status(
                  SESSION_JOB, FakeOperator.jobStatus(null, "FINISHED", "UPGRADING", SAVEPOINT));
              operator.status(
                  SESSION_JOB, FakeOperator.jobStatus(JOB_B, "RUNNING", "STABLE", SAVEPOINT));
            });

    UpgradeOutcome outcome =
        jobs.upgrade(
            v1,
            K8sTestData.job("v2", 2),
            UpgradeMode.SAVEPOINT,
            () -> statusAtHook.add(jobs.observe(SESSION_JOB).toString()));
    fake.join();

    assertThat(statusAtHook).singleElement().asString().doesNotContain("job " + JOB_A + " RUNNING");
    assertThat(outcome.snapshotPath()).isEqualTo(SAVEPOINT);
  }

  @Test
  void anUpgradeThatNeverStartsTimesOutNamingTheEventsAndTheLastStatus() {
    SessionJobs impatient =
        sessionJobs(
            new K8sSettings.K8sTimeouts(
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30)));
    CompletableFuture<Void> created = operator.runningOnceCreated(SESSION_JOB, JOB_A);
    DeployedJob v1 = impatient.deploy(K8sTestData.job("v1", 2), null);
    created.join();

    assertThatThrownBy(() -> impatient.upgrade(v1, K8sTestData.job("v2", 2), UpgradeMode.SAVEPOINT))
        .isInstanceOf(WaitTimeoutException.class)
        .hasMessageContaining("a SpecChanged or Suspended Event")
        .hasMessageContaining("Event none yet; status job " + JOB_A + " RUNNING, lifecycle STABLE")
        .hasMessageNotContaining("\n");
    impatient.close();
  }

  @Test
  void suspendAndResumeInLastStateModeFollowCancellingCanceledSuspended() {
    DeployedJob v1 = deployRunning(JOB_A);
    CompletableFuture<Void> suspending = operator.suspend(SESSION_JOB, JOB_A, CHECKPOINT);

    UpgradeOutcome suspension = jobs.suspend(v1, UpgradeMode.LAST_STATE);
    suspending.join();
    assertThat(suspension.job()).isNull();
    assertThat(suspension.snapshotKind()).isEqualTo(SnapshotKind.CHECKPOINT);
    assertThat(suspension.snapshotPath()).isEqualTo(CHECKPOINT);
    assertThat(jobs.transitions())
        .anySatisfy(t -> assertThat(t).contains("job " + JOB_A + " CANCELLING"))
        .anySatisfy(t -> assertThat(t).contains("job (no id) FINISHED, lifecycle SUSPENDED"));

    CompletableFuture<Void> resuming = operator.resume(SESSION_JOB, JOB_B);
    DeployedJob resumed = jobs.resume(suspension, K8sTestData.job("v1", 2));
    resuming.join();
    assertThat(resumed.jobId().toHexString()).isEqualTo(JOB_B);
    assertThat(resumed.restorePath()).isEqualTo(CHECKPOINT);
  }

  @Test
  void suspendAndResumeInSavepointModeFinishWithTheSavepointAndNoJobId() {
    DeployedJob v1 = deployRunning(JOB_A);
    CompletableFuture<Void> suspending = operator.suspend(SESSION_JOB, JOB_A, SAVEPOINT);

    UpgradeOutcome suspension = jobs.suspend(v1, UpgradeMode.SAVEPOINT);
    suspending.join();
    assertThat(suspension.snapshotKind()).isEqualTo(SnapshotKind.SAVEPOINT);
    assertThat(suspension.snapshotPath()).isEqualTo(SAVEPOINT);
    assertThat(jobs.observe(SESSION_JOB).jobId()).as("jobId null once FINISHED").isNull();

    CompletableFuture<Void> resuming = operator.resume(SESSION_JOB, JOB_B);
    DeployedJob resumed = jobs.resume(suspension, K8sTestData.job("v1", 2));
    resuming.join();
    assertThat(resumed.jobId().toHexString()).isEqualTo(JOB_B);
    assertThat(resumed.restorePath()).isEqualTo(SAVEPOINT);
  }

  @Test
  void cancelDeletesTheSessionJobAndWaitsForTheOperatorsFinalizer() {
    DeployedJob job = deployRunning(JOB_A);
    CompletableFuture<Void> deleting = operator.delete(SESSION_JOB, JOB_A);

    jobs.cancel(job);
    deleting.join();

    assertThat(jobs.observe(SESSION_JOB).exists()).isFalse();
    assertThat(jobs.transitions()).anySatisfy(t -> assertThat(t).contains("lifecycle DELETING"));
    assertThatThrownBy(() -> jobs.resourceOf(job)).hasMessageContaining("not deployed");
  }

  /*
   * How the operator reports a failed upgrade attempt of a FlinkSessionJob, read in
   * apache/flink-kubernetes-operator at release-1.15.0 (and compared with release-1.10.0,
   * -1.11.0, -1.12.0, -1.13.0):
   * - service/AbstractFlinkService.java savepointJobOrError: a failed stop-with-savepoint throws
   *   UpgradeFailureException("Savepoint Error", reason SavepointError, cause).
   * - controller/FlinkSessionJobController.java reconcile: any exception of the reconciler is
   *   reported by triggerErrorEvent as a Warning Event, reason "Error", message
   *   utils/ExceptionUtils.getExceptionMessage(e) ("msg -> cause -> cause"), then rethrown as
   *   ReconciliationException (1.10 and 1.11: reason "SessionJobException", e.getMessage()).
   * - updateErrorStatus -> reconciler/ReconciliationUtils.toErrorStatusUpdateControl: status.error
   *   = JSON of exception/FlinkResourceException {type, message, ...} (utils/
   *   FlinkResourceExceptionUtils.updateFlinkResourceException); cleared by the next deployment
   *   attempt (ReconciliationUtils.updateStatusForSpecReconciliation "Clear errors").
   * - utils/EventUtils.java: the same failure again updates the same Event, count + 1.
   * JOSDK retries the reconciliation; the savepoint upgrade then completes as in the test above.
   */
  static final String SAVEPOINT_ERROR =
      "Savepoint Error -> java.util.concurrent.ExecutionException:"
          + " org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint expired";

  static Map<String, Object> withError(Map<String, Object> status) {
    status.put(
        "error",
        "{\"type\":\"org.apache.flink.kubernetes.operator.exception.ReconciliationException\","
            + "\"message\":\"org.apache.flink.kubernetes.operator.exception."
            + "UpgradeFailureException: Savepoint Error\"}");
    return status;
  }

  private UpgradeOutcome upgradeWithTwoFailedSavepoints(boolean events) {
    DeployedJob v1 = deployRunning(JOB_A);
    String savepoint = "s3://flink-chaos/run/cluster-1/savepoints/savepoint-00000a-5678";
    if (events) {
      operator.warning(SESSION_JOB, "Job.11", "Error", "an earlier failure", 1);
    }
    CompletableFuture<Void> fake =
        CompletableFuture.runAsync(
            () -> {
              operator.awaitSessionJob(
                  SESSION_JOB,
                  r ->
                      "1".equals(Tree.string(r.getAdditionalProperties(), "spec", "restartNonce")));
              // Each attempt: SpecChanged (once per generation), Suspended (counted up), the
              // failed stop-with-savepoint as a Warning and status.error; the job keeps RUNNING
              // and the reconciliation state DEPLOYED (the exception leaves reconcileSpecChange
              // before anything else is recorded).
              for (int attempt = 1; attempt <= 2; attempt++) {
                if (events) {
                  operator.event(
                      SESSION_JOB, "SpecChanged", "JobManagerDeployment", "UPGRADE", "SpecChange");
                  operator.event(
                      SESSION_JOB, "Suspended", "JobManagerDeployment", "Suspending", null);
                  operator.warning(SESSION_JOB, "Job.42", "Error", SAVEPOINT_ERROR, attempt);
                }
                operator.status(
                    SESSION_JOB,
                    withError(FakeOperator.jobStatus(JOB_A, "RUNNING", "STABLE", null)));
              }
              operator.status(
                  SESSION_JOB, FakeOperator.jobStatus(null, "FINISHED", "UPGRADING", savepoint));
              operator.status(
                  SESSION_JOB, FakeOperator.jobStatus(JOB_B, "RUNNING", "STABLE", savepoint));
            });

    UpgradeOutcome outcome = jobs.upgrade(v1, K8sTestData.job("v2", 2), UpgradeMode.SAVEPOINT);
    fake.join();
    assertThat(outcome.snapshotPath()).isEqualTo(savepoint);
    return outcome;
  }

  @Test
  void anUpgradeReportsTheFailedAttemptsTheOperatorCountedInItsWarningEvents() {
    UpgradeOutcome outcome = upgradeWithTwoFailedSavepoints(true);

    assertThat(outcome.failedAttempts())
        .as("only this upgrade's failures, each once with its count")
        .containsExactly("Error: " + SAVEPOINT_ERROR + " (2 times)");
    assertThat(outcome.toString()).contains("after: Error: Savepoint Error");
  }

  @Test
  void withoutReadableEventsTheStatusErrorsTheWatchSawAreTheFailedAttempts() {
    UpgradeOutcome outcome = upgradeWithTwoFailedSavepoints(false);

    assertThat(outcome.failedAttempts())
        .containsExactly(
            "status.error: org.apache.flink.kubernetes.operator.exception."
                + "UpgradeFailureException: Savepoint Error");
  }
}
