package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Fake: plays the Flink Kubernetes Operator against the fabric8 mock API server by waiting for the
 * harness's spec changes and writing, one write at a time, the FlinkSessionJob status sequence and
 * Events the operator writes. Nothing is reconciled. The sequences follow apache/flink-kubernetes-
 * operator at release-1.15.0 (the same at release-1.14.0; /work/shared/notes/flink-operator.md,
 * "FlinkSessionJob status sequences"); each method names the files it follows, paths under
 * flink-kubernetes-operator/src/main/java/org/apache/flink/kubernetes/operator/.
 */
final class FakeOperator {

  /** Bound of every wait of the fake: generous, the mock server is slow on a loaded machine. */
  static final long WAIT_SECONDS = 30;

  /** JOSDK's default finalizer for the FlinkSessionJob controller: plural.group/finalizer. */
  static final String FINALIZER = "flinksessionjobs.flink.apache.org/finalizer";

  private final KubernetesClient client;
  private final String namespace;
  private final List<String> written = new ArrayList<>();

  FakeOperator(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Waits (bounded) until the FlinkSessionJob exists and satisfies {@code condition}. */
  GenericKubernetesResource awaitSessionJob(
      String name, Predicate<GenericKubernetesResource> condition) {
    return FlinkResources.sessionJobs(client)
        .inNamespace(namespace)
        .withName(name)
        .waitUntilCondition(r -> r != null && condition.test(r), WAIT_SECONDS, TimeUnit.SECONDS);
  }

  GenericKubernetesResource awaitSessionJob(String name) {
    return awaitSessionJob(name, r -> true);
  }

  /** Waits for a spec edit that sets {@code spec.job.<field>} to {@code value}. */
  GenericKubernetesResource awaitSpec(String name, String field, String value) {
    return awaitSessionJob(
        name, r -> value.equals(Tree.string(r.getAdditionalProperties(), "spec", "job", field)));
  }

  /** Waits for the harness's upgrade edit: {@code spec.restartNonce} other than {@code before}. */
  GenericKubernetesResource awaitRestartNonceAfter(String name, Object before) {
    return awaitSessionJob(
        name,
        r ->
            !String.valueOf(before)
                .equals(
                    String.valueOf(Tree.get(r.getAdditionalProperties(), "spec", "restartNonce"))));
  }

  private Object restartNonce(String sessionJob) {
    return Tree.get(current(sessionJob).getAdditionalProperties(), "spec", "restartNonce");
  }

  /** Every status this fake wrote, oldest first: "jobId state lifecycle". */
  synchronized List<String> written() {
    return List.copyOf(written);
  }

  /** In the background: once the FlinkSessionJob is created, plays {@link #create}. */
  CompletableFuture<Void> runningOnceCreated(String sessionJob, String jobId) {
    return CompletableFuture.runAsync(() -> create(sessionJob, jobId));
  }

  /**
   * First deployment. {@code reconciler/deployment/AbstractFlinkResourceReconciler.reconcile}
   * (before first deployment: {@code updateStatusBeforeFirstDeployment}, then {@code deploy}),
   * {@code reconciler/sessionjob/SessionJobReconciler.deploy} (Submit Event, new job id RECONCILING
   * patched before submission), {@code ReconciliationUtils.updateStatusForDeployedSpec}, {@code
   * observer/JobStatusObserver} (RUNNING), {@code api/status/CommonStatus.getLifecycleState}
   * (CREATED before the first deployment, STABLE once the spec is marked stable).
   */
  void create(String sessionJob, String jobId) {
    GenericKubernetesResource created = awaitSessionJob(sessionJob);
    addFinalizer(sessionJob);
    write(sessionJob, status(null, null, "CREATED", "UPGRADING", null, null));
    String spec = Serialization.asJson(created.getAdditionalProperties().get("spec"));
    write(sessionJob, status(null, null, "UPGRADING", "UPGRADING", spec, null));
    event(sessionJob, "Submit", "Job", "Starting deployment", "Starting deployment");
    deployed(sessionJob, jobId, spec, null);
  }

  /**
   * RECONCILING with the new id, DEPLOYED, RUNNING, STABLE ({@code SessionJobReconciler.deploy}).
   */
  private void deployed(String sessionJob, String jobId, String spec, String upgradePath) {
    write(sessionJob, status(jobId, "RECONCILING", "UPGRADING", "UPGRADING", spec, upgradePath));
    write(sessionJob, status(jobId, "RECONCILING", "DEPLOYED", "DEPLOYED", spec, upgradePath));
    write(sessionJob, status(jobId, "RUNNING", "DEPLOYED", "DEPLOYED", spec, upgradePath));
    write(sessionJob, status(jobId, "RUNNING", "STABLE", "DEPLOYED", spec, upgradePath));
  }

  /**
   * The Events of a spec change before the old job is stopped: SpecChanged once per generation
   * ({@code AbstractFlinkResourceReconciler.triggerSpecChangeEvent}, {@code triggerEventOnce} with
   * key "SpecChange: generation"), then Suspended counted up on the same Event ({@code
   * AbstractJobReconciler.reconcileSpecChange}, right before {@code cancelJob}); {@code
   * utils/EventUtils.java} names and counts them.
   */
  private void specChangeEvents(GenericKubernetesResource changed) {
    String name = changed.getMetadata().getName();
    long generation =
        changed.getMetadata().getGeneration() == null ? 0 : changed.getMetadata().getGeneration();
    event(
        name,
        "SpecChanged",
        "JobManagerDeployment",
        "UPGRADE change(s) detected (Diff: FlinkSessionJobSpec[...]), starting reconciliation.",
        "SpecChange: " + generation);
    event(
        name,
        "Suspended",
        "JobManagerDeployment",
        "Suspending existing deployment.",
        "Suspending existing deployment.");
  }

  /**
   * Savepoint upgrade: the Events, then nothing in the status while stop-with-savepoint runs
   * ({@code service/AbstractFlinkService.cancelSessionJob} blocks in {@code savepointJobOrError};
   * the fake waits for {@code savepointTaken}); then FINISHED with jobId null and the savepoint as
   * upgradeSavepointPath ({@code cancelSessionJob}, {@code SessionJobReconciler.cancelJob}),
   * UPGRADING ({@code ReconciliationUtils.updateStatusBeforeDeploymentAttempt}), and the new job
   * deployed from it ({@code AbstractJobReconciler.restoreJob}).
   *
   * @param statusWhenTaken receives the status the FlinkSessionJob showed when {@code
   *     savepointTaken} opened
   */
  CompletableFuture<Void> savepointUpgrade(
      String sessionJob,
      String newJobId,
      String savepoint,
      CountDownLatch savepointTaken,
      List<OperatorStatus> statusWhenTaken) {
    Object nonce = restartNonce(sessionJob);
    return CompletableFuture.runAsync(
        () -> {
          GenericKubernetesResource changed = awaitRestartNonceAfter(sessionJob, nonce);
          specChangeEvents(changed);
          await(savepointTaken, "the savepoint of " + sessionJob + " to be taken");
          statusWhenTaken.add(OperatorStatus.of(current(sessionJob)));
          String spec = Serialization.asJson(changed.getAdditionalProperties().get("spec"));
          write(sessionJob, status(null, "FINISHED", "UPGRADING", "UPGRADING", spec, savepoint));
          event(sessionJob, "Submit", "Job", "Starting deployment", "Starting deployment");
          deployed(sessionJob, newJobId, spec, savepoint);
        });
  }

  /**
   * Last-state or stateless upgrade: the Events, then the REST cancel ({@code
   * AbstractFlinkService.cancelJobOrError}: CANCELLING, asynchronous, reconciliation UPGRADING in
   * {@code AbstractJobReconciler.reconcileSpecChange}); the observer sees CANCELED and records the
   * latest checkpoint as upgradeSavepointPath ({@code SessionJobReconciler.cancelJob}); the next
   * reconciliation finishes the cancel ({@code cancelSessionJob}: FINISHED, jobId null) and deploys
   * the new job (from the checkpoint in last-state mode, without state in stateless mode).
   *
   * @param cancelStarted released before CANCELLING is written; the fake waits for it
   */
  CompletableFuture<Void> cancellingUpgrade(
      String sessionJob,
      String mode,
      String oldJobId,
      String newJobId,
      String checkpoint,
      CountDownLatch cancelStarted,
      List<OperatorStatus> statusWhenStarted) {
    Object nonce = restartNonce(sessionJob);
    return CompletableFuture.runAsync(
        () -> {
          GenericKubernetesResource changed = awaitRestartNonceAfter(sessionJob, nonce);
          if (!mode.equals(
              Tree.string(changed.getAdditionalProperties(), "spec", "job", "upgradeMode"))) {
            throw new AssertionError("fake operator: expected a " + mode + " upgrade: " + changed);
          }
          specChangeEvents(changed);
          await(cancelStarted, "the cancel of " + sessionJob + " to start");
          statusWhenStarted.add(OperatorStatus.of(current(sessionJob)));
          String spec = Serialization.asJson(changed.getAdditionalProperties().get("spec"));
          cancelled(sessionJob, oldJobId, spec, checkpoint, "UPGRADING");
          event(sessionJob, "Submit", "Job", "Starting deployment", "Starting deployment");
          deployed(sessionJob, newJobId, spec, checkpoint);
        });
  }

  private void cancelled(
      String sessionJob, String oldJobId, String spec, String checkpoint, String lifecycle) {
    write(sessionJob, status(oldJobId, "CANCELLING", "UPGRADING", "UPGRADING", spec, null));
    write(sessionJob, status(oldJobId, "CANCELED", "UPGRADING", "UPGRADING", spec, checkpoint));
    write(
        sessionJob,
        status(
            null,
            "FINISHED",
            lifecycle,
            lifecycle.equals("SUSPENDED") ? "DEPLOYED" : "UPGRADING",
            spec,
            checkpoint));
  }

  /**
   * Suspend ({@code job.state: suspended}): the Events, then in savepoint mode FINISHED with jobId
   * null and the savepoint, lifecycle SUSPENDED ({@code cancelSessionJob}, {@code
   * ReconciliationUtils.updateStatusForDeployedSpec}, {@code CommonStatus.getLifecycleState}: the
   * last reconciled spec is suspended); in last-state and stateless mode CANCELLING, CANCELED with
   * the latest checkpoint, then FINISHED with jobId null, SUSPENDED.
   */
  CompletableFuture<Void> suspend(String sessionJob, String oldJobId, String snapshot) {
    return CompletableFuture.runAsync(
        () -> {
          GenericKubernetesResource changed = awaitSpec(sessionJob, "state", "suspended");
          specChangeEvents(changed);
          String mode =
              Tree.string(changed.getAdditionalProperties(), "spec", "job", "upgradeMode");
          String spec = Serialization.asJson(changed.getAdditionalProperties().get("spec"));
          if ("savepoint".equals(mode)) {
            write(sessionJob, status(null, "FINISHED", "SUSPENDED", "DEPLOYED", spec, snapshot));
          } else {
            cancelled(sessionJob, oldJobId, spec, snapshot, "SUSPENDED");
          }
        });
  }

  /**
   * Resume ({@code job.state: running}): SpecChanged, UPGRADING ({@code
   * AbstractJobReconciler.reconcileSpecChange}, SUSPENDED to RUNNING: {@code
   * updateStatusBeforeDeploymentAttempt}), then the new job from upgradeSavepointPath ({@code
   * restoreJob}), which stays in the status.
   */
  CompletableFuture<Void> resume(String sessionJob, String newJobId) {
    return CompletableFuture.runAsync(
        () -> {
          GenericKubernetesResource changed = awaitSpec(sessionJob, "state", "running");
          event(
              sessionJob,
              "SpecChanged",
              "JobManagerDeployment",
              "UPGRADE change(s) detected (Diff: FlinkSessionJobSpec[...]), starting reconciliation.",
              "SpecChange: " + changed.getMetadata().getGeneration());
          String path =
              Tree.string(
                  changed.getAdditionalProperties(), "status", "jobStatus", "upgradeSavepointPath");
          String spec = Serialization.asJson(changed.getAdditionalProperties().get("spec"));
          write(sessionJob, status(null, "FINISHED", "UPGRADING", "UPGRADING", spec, path));
          event(sessionJob, "Submit", "Job", "Starting deployment", "Starting deployment");
          deployed(sessionJob, newJobId, spec, path);
        });
  }

  /**
   * Delete: {@code controller/FlinkSessionJobController.cleanup} emits Cleanup, sets lifecycle
   * DELETING and, once {@code SessionJobReconciler.cleanupInternal} cancelled the job (stateless,
   * {@code job.savepoint-on-deletion} default false), JOSDK removes the finalizer.
   */
  CompletableFuture<Void> delete(String sessionJob, String jobId) {
    return CompletableFuture.runAsync(
        () -> {
          GenericKubernetesResource deleting =
              awaitSessionJob(sessionJob, r -> r.getMetadata().getDeletionTimestamp() != null);
          event(sessionJob, "Cleanup", "Operator", "Cleaning up FlinkSessionJob", null);
          Map<String, Object> status = statusOf(deleting);
          status.put("lifecycleState", "DELETING");
          write(sessionJob, status);
          Map<String, Object> cancelling = statusOf(current(sessionJob));
          Tree.map(cancelling, "jobStatus").put("state", "CANCELLING");
          write(sessionJob, cancelling);
          FlinkResources.sessionJobs(client)
              .inNamespace(namespace)
              .withName(sessionJob)
              .edit(
                  r -> {
                    r.getMetadata().getFinalizers().remove(FINALIZER);
                    return r;
                  });
        });
  }

  private GenericKubernetesResource current(String sessionJob) {
    return FlinkResources.sessionJobs(client).inNamespace(namespace).withName(sessionJob).get();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> statusOf(GenericKubernetesResource resource) {
    Object status = resource.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> m
        ? new LinkedHashMap<>((Map<String, Object>) m)
        : new LinkedHashMap<>();
  }

  private void addFinalizer(String sessionJob) {
    FlinkResources.sessionJobs(client)
        .inNamespace(namespace)
        .withName(sessionJob)
        .edit(
            r -> {
              r.getMetadata().getFinalizers().add(FINALIZER);
              return r;
            });
  }

  private static void await(CountDownLatch latch, String what) {
    try {
      if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError(
            "fake operator: waited " + WAIT_SECONDS + " s for " + what + ", it did not happen");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("fake operator interrupted waiting for " + what, e);
    }
  }

  /** Replaces the FlinkSessionJob's status. */
  void status(String name, Map<String, Object> status) {
    write(name, status);
  }

  private void write(String name, Map<String, Object> status) {
    GenericKubernetesResource after =
        FlinkResources.sessionJobs(client)
            .inNamespace(namespace)
            .withName(name)
            .editStatus(
                r -> {
                  r.getAdditionalProperties().put("status", status);
                  return r;
                });
    synchronized (this) {
      written.add(OperatorStatus.of(after).toString());
    }
  }

  /**
   * A Normal Event on the FlinkSessionJob as {@code utils/EventUtils.java} writes one: named by
   * component and a hash of reason, message key (else message) and resource (the fake leaves out
   * type, kind and uid, constant here); SpecChanged only if it does not exist yet ({@code
   * createIfNotExists}, from {@code triggerEventOnce}), the others counted up ({@code
   * createOrUpdateEventWithInterval} with no interval).
   */
  void event(String sessionJob, String reason, String component, String message, String key) {
    event(client, namespace, "FlinkSessionJob", sessionJob, reason, component, message, key);
  }

  /** {@link #event} on a resource of {@code kind}: FlinkSessionJob or FlinkDeployment. */
  static void event(
      KubernetesClient client,
      String namespace,
      String kind,
      String resource,
      String reason,
      String component,
      String message,
      String key) {
    String name =
        component
            + "."
            + ((reason + (key == null ? message : key) + resource).hashCode() & 0x7FFFFFFF);
    var existing = client.v1().events().inNamespace(namespace).withName(name).get();
    if (existing != null && reason.equals("SpecChanged")) {
      return;
    }
    int count = existing == null || existing.getCount() == null ? 1 : existing.getCount() + 1;
    client
        .v1()
        .events()
        .inNamespace(namespace)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("flink.apache.org/v1beta1")
                .withKind(kind)
                .withName(resource)
                .withNamespace(namespace)
                .endInvolvedObject()
                .withType("Normal")
                .withReason(reason)
                .withMessage(message)
                .withCount(count)
                .withNewSource()
                .withComponent(component)
                .endSource()
                .build())
        .createOr(op -> op.update());
  }

  /**
   * A Warning Event on the FlinkSessionJob, as the operator's {@code EventUtils} writes one: named
   * by a hash of its content, created with count 1 and counted up when the same failure repeats
   * (release-1.15.0 flink-kubernetes-operator/.../utils/EventUtils.java, {@code
   * createWithAnnotations} and {@code buildEvent}).
   */
  void warning(String sessionJob, String eventName, String reason, String message, int count) {
    client
        .v1()
        .events()
        .inNamespace(namespace)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(eventName)
                .withNamespace(namespace)
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("flink.apache.org/v1beta1")
                .withKind("FlinkSessionJob")
                .withName(sessionJob)
                .withNamespace(namespace)
                .endInvolvedObject()
                .withType("Warning")
                .withReason(reason)
                .withMessage(message)
                .withCount(count)
                .withNewSource()
                .withComponent("Job")
                .endSource()
                .build())
        .createOr(op -> op.update());
  }

  /**
   * A status as the operator writes it; {@code lastReconciledSpec} is the spec JSON the operator
   * records (null before the first deployment attempt).
   */
  static Map<String, Object> status(
      String jobId,
      String state,
      String lifecycle,
      String reconciliation,
      String lastReconciledSpec,
      String upgradeSavepointPath) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("jobName", "sequence");
    if (jobId != null) {
      job.put("jobId", jobId);
    }
    if (state != null) {
      job.put("state", state);
    }
    if (upgradeSavepointPath != null) {
      job.put("upgradeSavepointPath", upgradeSavepointPath);
    }
    Map<String, Object> reconciliationStatus = new LinkedHashMap<>();
    reconciliationStatus.put("state", reconciliation);
    if (lastReconciledSpec != null) {
      reconciliationStatus.put("lastReconciledSpec", lastReconciledSpec);
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("jobStatus", job);
    status.put("lifecycleState", lifecycle);
    status.put("reconciliationStatus", reconciliationStatus);
    return status;
  }

  static Map<String, Object> jobStatus(
      String jobId, String state, String lifecycle, String upgradeSavepointPath) {
    return status(
        jobId,
        state,
        lifecycle,
        lifecycle.equals("UPGRADING") ? "UPGRADING" : "DEPLOYED",
        null,
        upgradeSavepointPath);
  }

  static Map<String, Object> running(String jobId) {
    return jobStatus(jobId, "RUNNING", "STABLE", null);
  }
}
