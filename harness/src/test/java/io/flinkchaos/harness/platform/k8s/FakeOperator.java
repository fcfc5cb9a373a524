package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;
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
