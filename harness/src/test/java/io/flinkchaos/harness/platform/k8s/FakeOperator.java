package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Fake: plays the Flink Kubernetes Operator against the fabric8 mock API server by waiting for the
 * harness's spec changes and writing the status the operator would write. Nothing is reconciled.
 */
final class FakeOperator {

  static final long WAIT_SECONDS = 5;

  private final KubernetesClient client;
  private final String namespace;

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

  /** In the background: once the FlinkSessionJob is created, reports {@code jobId} RUNNING. */
  CompletableFuture<Void> runningOnceCreated(String sessionJob, String jobId) {
    return CompletableFuture.runAsync(
        () -> {
          awaitSessionJob(sessionJob);
          status(sessionJob, running(jobId));
        });
  }

  /** Replaces the FlinkSessionJob's status. */
  void status(String name, Map<String, Object> status) {
    FlinkResources.sessionJobs(client)
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            r -> {
              r.getAdditionalProperties().put("status", status);
              return r;
            });
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

  static Map<String, Object> jobStatus(
      String jobId, String state, String lifecycle, String upgradeSavepointPath) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("jobName", "sequence");
    if (jobId != null) {
      job.put("jobId", jobId);
    }
    job.put("state", state);
    if (upgradeSavepointPath != null) {
      job.put("upgradeSavepointPath", upgradeSavepointPath);
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("jobStatus", job);
    status.put("lifecycleState", lifecycle);
    status.put(
        "reconciliationStatus",
        Map.of("state", lifecycle.equals("UPGRADING") ? "UPGRADING" : "DEPLOYED"));
    return status;
  }

  static Map<String, Object> running(String jobId) {
    return jobStatus(jobId, "RUNNING", "STABLE", null);
  }
}
