package io.flinkchaos.harness.platform.k8s;

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
 * Fake: plays the Flink Kubernetes Operator on an application FlinkDeployment against the fabric8
 * mock API server, writing one status at a time the sequence the operator writes. Nothing is
 * reconciled. The sequences follow apache/flink-kubernetes-operator at release-1.15.0 (the same at
 * release-1.14.0), paths under flink-kubernetes-operator/src/main/java/org/apache/flink/kubernetes/
 * operator/; each method names the files it follows.
 */
final class FakeApplicationOperator {

  static final String FINALIZER = "flinkdeployments.flink.apache.org/finalizer";
  static final String KIND = "FlinkDeployment";

  private final KubernetesClient client;
  private final String namespace;
  private final List<String> written = new ArrayList<>();

  FakeApplicationOperator(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  GenericKubernetesResource await(String name, Predicate<GenericKubernetesResource> condition) {
    return FlinkResources.deployments(client)
        .inNamespace(namespace)
        .withName(name)
        .waitUntilCondition(
            r -> r != null && condition.test(r), FakeOperator.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  synchronized List<String> written() {
    return List.copyOf(written);
  }

  /**
   * First deployment: CREATED, then UPGRADING patched before submission with the job id the
   * operator generated ({@code reconciler/deployment/AbstractFlinkResourceReconciler
   * .updateStatusBeforeFirstDeployment}, {@code ApplicationReconciler.setJobIdIfNecessary}: random,
   * recorded before submitting), Submit Event, RECONCILING with the JobManager DEPLOYING ({@code
   * ApplicationReconciler.deploy}), DEPLOYED ({@code ReconciliationUtils
   * .updateStatusForDeployedSpec}), the observer's DEPLOYED_NOT_READY and READY ({@code
   * observer/deployment/AbstractFlinkDeploymentObserver.observeJmDeployment}), CREATED until every
   * task runs, RUNNING ({@code observer/JobStatusObserver}), STABLE.
   */
  CompletableFuture<Void> runningOnceCreated(String name, String jobId) {
    return CompletableFuture.runAsync(
        () -> {
          GenericKubernetesResource created = await(name, r -> true);
          FlinkResources.deployments(client)
              .inNamespace(namespace)
              .withName(name)
              .edit(
                  r -> {
                    r.getMetadata().getFinalizers().add(FINALIZER);
                    return r;
                  });
          String spec = spec(created);
          write(name, status(null, null, "CREATED", "UPGRADING", null, null, null));
          write(name, status(jobId, null, "UPGRADING", "UPGRADING", spec, null, null));
          submitted(name, jobId, spec, null);
        });
  }

  private void submitted(String name, String jobId, String spec, String upgradePath) {
    event(name, "Submit", "JobManagerDeployment", "Starting deployment", "Starting deployment");
    write(
        name,
        status(jobId, "RECONCILING", "UPGRADING", "UPGRADING", spec, upgradePath, "DEPLOYING"));
    write(
        name, status(jobId, "RECONCILING", "DEPLOYED", "DEPLOYED", spec, upgradePath, "DEPLOYING"));
    write(
        name,
        status(
            jobId, "RECONCILING", "DEPLOYED", "DEPLOYED", spec, upgradePath, "DEPLOYED_NOT_READY"));
    write(name, status(jobId, "RECONCILING", "DEPLOYED", "DEPLOYED", spec, upgradePath, "READY"));
    write(name, status(jobId, "CREATED", "DEPLOYED", "DEPLOYED", spec, upgradePath, "READY"));
    write(name, status(jobId, "RUNNING", "DEPLOYED", "DEPLOYED", spec, upgradePath, "READY"));
    write(name, status(jobId, "RUNNING", "STABLE", "DEPLOYED", spec, upgradePath, "READY"));
  }

  /**
   * An upgrade after the harness's edit ({@code restartNonce} other than {@code before}):
   * SpecChanged and Suspended Events ({@code AbstractFlinkResourceReconciler.reconcile}, {@code
   * AbstractJobReconciler.reconcileSpecChange}, before {@code cancelJob}); the fake then waits for
   * {@code stopped} (the savepoint, or the cluster deletion, taking time), and writes what {@code
   * cancelJob} leaves: FINISHED written by the operator with the job id kept (only session jobs
   * clear it), the JobManager MISSING unless a native savepoint stop kept it, UPGRADING; then the
   * redeploy of the second reconciliation ({@code ApplicationReconciler.deploy}):
   *
   * <ul>
   *   <li>savepoint: {@code upgradeSavepointPath} = the savepoint, a new random job id;
   *   <li>last-state through HA metadata: {@code KUBERNETES_OPERATOR_LAST_STATE}, the same job id
   *       ({@code setJobIdIfNecessary} with a last-state deploy);
   *   <li>stateless: HA metadata deleted, a new job id, the path left as it was.
   * </ul>
   */
  CompletableFuture<Void> upgrade(
      String name,
      String mode,
      String oldJobId,
      String newJobId,
      String savepoint,
      CountDownLatch stopped) {
    Object before = restartNonce(name);
    return CompletableFuture.runAsync(
        () -> {
          GenericKubernetesResource changed =
              await(
                  name,
                  r ->
                      !String.valueOf(before)
                          .equals(
                              String.valueOf(
                                  Tree.get(r.getAdditionalProperties(), "spec", "restartNonce"))));
          String given =
              Tree.string(changed.getAdditionalProperties(), "spec", "job", "upgradeMode");
          if (!mode.equals(given)) {
            throw new AssertionError("fake operator: expected a " + mode + " upgrade: " + given);
          }
          specChangeEvents(changed);
          await(stopped);
          String spec = spec(changed);
          String previousPath =
              Tree.string(current(name), "status", "jobStatus", "upgradeSavepointPath");
          String path =
              switch (mode) {
                case "savepoint" -> savepoint;
                case "last-state" -> io.flinkchaos.harness.flink.SnapshotPaths.LATEST_IN_HA;
                default -> previousPath;
              };
          String jm = mode.equals("savepoint") ? "READY" : "MISSING";
          write(name, status(oldJobId, "FINISHED", "UPGRADING", "UPGRADING", spec, path, jm));
          submitted(name, mode.equals("last-state") ? oldJobId : newJobId, spec, path);
        });
  }

  /**
   * An edit that changes {@code spec.flinkVersion} with {@code upgradeMode: last-state}, as {@code
   * reconciler/deployment/AbstractJobReconciler.getJobUpgrade} handles it when {@code
   * flinkVersionChanged} ({@code AbstractFlinkResourceReconciler}) says so: never through the HA
   * metadata; a running job with a savepoint directory is stopped with a savepoint ("Using
   * savepoint to upgrade Flink version": {@code JobUpgrade.savepoint(false)}), a job that is not
   * (the fake's {@code snapshot} a {@code chk-N} path) is cancelled ("Using last-state upgrade with
   * cancellation to upgrade Flink version": {@code JobUpgrade.lastStateUsingCancel()}). Both
   * restore by path with a new job id, and both record {@code upgradeMode: savepoint} in the
   * reconciled spec ({@code reconcileSpecChange}: "We must record the upgrade mode used to the
   * status later"; the restore mode of both JobUpgrades is SAVEPOINT), written as {@code
   * SpecUtils.writeSpecWithMeta} does.
   *
   * <ul>
   *   <li>savepoint: SpecChanged and Suspended Events, then (after {@code stopped}) {@code
   *       cancelJob}'s FINISHED with {@code upgradeSavepointPath} = the savepoint ({@code
   *       ApplicationReconciler.cancelJob}, {@code setUpgradeSavepointPath}), the JobManager still
   *       READY, UPGRADING; then the redeploy from it;
   *   <li>cancel: the Events, CANCELLING ({@code AbstractFlinkService.cancelJobOrError}, the
   *       asynchronous cancel: UPGRADING with the reconciled spec), then CANCELED with the latest
   *       checkpoint read by {@code observer/SnapshotObserver.observeLatestCheckpoint}; then the
   *       redeploy from it ({@code useStatusSavepoint}: a cancelled job's recorded path).
   * </ul>
   */
  CompletableFuture<Void> flinkVersionUpgrade(
      String name, String oldJobId, String newJobId, String snapshot, CountDownLatch stopped) {
    Object before = restartNonce(name);
    String oldVersion = Tree.string(current(name), "spec", "flinkVersion");
    return CompletableFuture.runAsync(
        () -> {
          GenericKubernetesResource changed =
              await(
                  name,
                  r ->
                      !String.valueOf(before)
                          .equals(
                              String.valueOf(
                                  Tree.get(r.getAdditionalProperties(), "spec", "restartNonce"))));
          Map<String, Object> asked = changed.getAdditionalProperties();
          if (!"last-state".equals(Tree.string(asked, "spec", "job", "upgradeMode"))
              || oldVersion.equals(Tree.string(asked, "spec", "flinkVersion"))) {
            throw new AssertionError(
                "fake operator: expected a last-state edit that changes flinkVersion from "
                    + oldVersion
                    + ": "
                    + Tree.get(asked, "spec"));
          }
          specChangeEvents(changed);
          await(stopped);
          String upgrading = reconciledSpec(changed, "savepoint", "suspended");
          boolean cancelled = snapshot.matches(".*/chk-\\d+");
          if (cancelled) {
            write(
                name,
                status(oldJobId, "CANCELLING", "UPGRADING", "UPGRADING", upgrading, null, "READY"));
            write(
                name,
                status(
                    oldJobId, "CANCELED", "UPGRADING", "UPGRADING", upgrading, snapshot, "READY"));
          } else {
            write(
                name,
                status(
                    oldJobId, "FINISHED", "UPGRADING", "UPGRADING", upgrading, snapshot, "READY"));
          }
          submitted(name, newJobId, reconciledSpec(changed, "savepoint", "running"), snapshot);
        });
  }

  /**
   * The reconciled spec as the operator serializes it: {@code {"spec": …, "resource_metadata": …}}
   * with the upgrade mode it restores with and the job state it records.
   */
  @SuppressWarnings("unchecked")
  private static String reconciledSpec(
      GenericKubernetesResource resource, String upgradeMode, String jobState) {
    Map<String, Object> spec =
        Serialization.unmarshal(
            Serialization.asJson(resource.getAdditionalProperties().get("spec")), Map.class);
    Map<String, Object> job = (Map<String, Object>) spec.get("job");
    job.put("upgradeMode", upgradeMode);
    job.put("state", jobState);
    Map<String, Object> wrapper = new LinkedHashMap<>();
    wrapper.put("spec", spec);
    wrapper.put(
        "resource_metadata",
        Map.of("apiVersion", "flink.apache.org/v1beta1", "firstDeployment", false));
    return Serialization.asJson(wrapper);
  }

  /**
   * Suspend ({@code job.state: suspended}), native: the Events, then FINISHED with the job id kept,
   * reconciliation DEPLOYED and lifecycle SUSPENDED ({@code reconcileSpecChange}, {@code
   * ReconciliationUtils.updateStatusForDeployedSpec}, {@code CommonStatus.getLifecycleState}); the
   * JobManager stays READY after a savepoint stop (until {@code jm-deployment.shutdown-ttl}),
   * MISSING otherwise.
   */
  CompletableFuture<Void> suspend(String name, String jobId, String savepoint) {
    return CompletableFuture.runAsync(
        () -> {
          GenericKubernetesResource changed =
              await(
                  name,
                  r ->
                      "suspended"
                          .equals(
                              Tree.string(r.getAdditionalProperties(), "spec", "job", "state")));
          specChangeEvents(changed);
          String mode =
              Tree.string(changed.getAdditionalProperties(), "spec", "job", "upgradeMode");
          boolean savepointStop = "savepoint".equals(mode);
          write(
              name,
              status(
                  jobId,
                  "FINISHED",
                  "SUSPENDED",
                  "DEPLOYED",
                  spec(changed),
                  savepointStop ? savepoint : null,
                  savepointStop ? "READY" : "MISSING"));
        });
  }

  /**
   * Resume ({@code job.state: running}) of a savepoint suspension: SpecChanged, UPGRADING, the old
   * JobManager deleted with its HA data, a new job id deployed from {@code upgradeSavepointPath}
   * ({@code AbstractJobReconciler.restoreJob}, {@code ApplicationReconciler.deploy}).
   */
  CompletableFuture<Void> resume(String name, String oldJobId, String newJobId) {
    return CompletableFuture.runAsync(
        () -> {
          GenericKubernetesResource changed =
              await(
                  name,
                  r ->
                      "running"
                          .equals(
                              Tree.string(r.getAdditionalProperties(), "spec", "job", "state")));
          event(
              name,
              "SpecChanged",
              "JobManagerDeployment",
              "UPGRADE change(s) detected, starting reconciliation.",
              "SpecChange: " + changed.getMetadata().getGeneration());
          String path =
              Tree.string(
                  changed.getAdditionalProperties(), "status", "jobStatus", "upgradeSavepointPath");
          String spec = spec(changed);
          write(
              name, status(oldJobId, "FINISHED", "UPGRADING", "UPGRADING", spec, path, "MISSING"));
          submitted(name, newJobId, spec, path);
        });
  }

  /**
   * Delete: {@code controller/FlinkDeploymentController.cleanup} (Cleanup Event), {@code
   * ApplicationReconciler.cleanupInternal} (stateless cancel, cluster and HA data deleted); the
   * DELETING lifecycle is not patched for an application deployment, then JOSDK removes the
   * finalizer.
   */
  CompletableFuture<Void> delete(String name) {
    return CompletableFuture.runAsync(
        () -> {
          await(name, r -> r.getMetadata().getDeletionTimestamp() != null);
          event(name, "Cleanup", "Operator", "Cleaning up FlinkDeployment", null);
          FlinkResources.deployments(client)
              .inNamespace(namespace)
              .withName(name)
              .edit(
                  r -> {
                    r.getMetadata().getFinalizers().remove(FINALIZER);
                    return r;
                  });
        });
  }

  private void specChangeEvents(GenericKubernetesResource changed) {
    String name = changed.getMetadata().getName();
    event(
        name,
        "SpecChanged",
        "JobManagerDeployment",
        "UPGRADE change(s) detected (Diff: FlinkDeploymentSpec[...]), starting reconciliation.",
        "SpecChange: " + changed.getMetadata().getGeneration());
    event(
        name,
        "Suspended",
        "JobManagerDeployment",
        "Suspending existing deployment.",
        "Suspending existing deployment.");
  }

  private void event(String name, String reason, String component, String message, String key) {
    FakeOperator.event(client, namespace, KIND, name, reason, component, message, key);
  }

  private Object restartNonce(String name) {
    return Tree.get(current(name), "spec", "restartNonce");
  }

  private Map<String, Object> current(String name) {
    return FlinkResources.deployments(client)
        .inNamespace(namespace)
        .withName(name)
        .get()
        .getAdditionalProperties();
  }

  private static String spec(GenericKubernetesResource resource) {
    return Serialization.asJson(resource.getAdditionalProperties().get("spec"));
  }

  private void write(String name, Map<String, Object> status) {
    GenericKubernetesResource after =
        FlinkResources.deployments(client)
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

  /** A FlinkDeployment status: the session job's fields plus the JobManager deployment's. */
  static Map<String, Object> status(
      String jobId,
      String state,
      String lifecycle,
      String reconciliation,
      String lastReconciledSpec,
      String upgradeSavepointPath,
      String jobManager) {
    Map<String, Object> status =
        new LinkedHashMap<>(
            FakeOperator.status(
                jobId, state, lifecycle, reconciliation, lastReconciledSpec, upgradeSavepointPath));
    if (jobManager != null) {
      status.put("jobManagerDeploymentStatus", jobManager);
    }
    return status;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(FakeOperator.WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("fake operator: the old job was never stopped");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
