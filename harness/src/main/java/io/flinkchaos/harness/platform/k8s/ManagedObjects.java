package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.flinkchaos.harness.wait.WaitTimeoutException;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what one harness run created in a namespace, and only that: objects labelled {@code
 * app.kubernetes.io/managed-by=flink-chaos} and {@code flink-chaos/run-id=<run>} ({@link RunId}).
 * Flink resources go first, so the operator can cancel jobs and remove the clusters (and their HA
 * ConfigMaps) while it still runs. Leftovers of earlier runs are deleted only on request ({@link
 * #deleteStaleRuns}), and only runs whose newest object is older than a given age: a run still
 * creating objects in the namespace is left alone.
 */
public final class ManagedObjects {

  private static final Logger LOG = LoggerFactory.getLogger(ManagedObjects.class);

  /** The namespaced kinds the harness creates besides the Flink resources, deleted in order. */
  static final List<Kind> CORE_KINDS =
      List.of(
          new Kind("ResourceQuota", KubernetesClient::resourceQuotas),
          new Kind("Deployment", c -> c.apps().deployments()),
          new Kind("Service", KubernetesClient::services),
          new Kind("Secret", KubernetesClient::secrets),
          new Kind("ConfigMap", KubernetesClient::configMaps),
          new Kind("RoleBinding", c -> c.rbac().roleBindings()),
          new Kind("Role", c -> c.rbac().roles()),
          new Kind("ServiceAccount", KubernetesClient::serviceAccounts));

  private ManagedObjects() {}

  /** A namespaced kind and how fabric8 reaches it. */
  record Kind(
      String name,
      Function<KubernetesClient, MixedOperation<? extends HasMetadata, ?, ?>> operation) {}

  /** Deletes every object of run {@code run} in {@code namespace} (and its PriorityClasses). */
  public static void deleteRun(
      KubernetesClient client, String namespace, RunId run, Duration atMost) {
    deleteSelected(client, namespace, run.labels(), atMost);
    deletePriorityClasses(client, run);
  }

  /**
   * Deletes the objects of earlier runs in {@code namespace} whose newest object was created before
   * {@code now - olderThan}, never those of {@code current}. Objects labelled managed-by but with
   * no run id (written before run ids existed) are deleted one by one when older than that.
   *
   * @return the run ids deleted, and "(no run id)" for unlabelled leftovers
   */
  public static List<String> deleteStaleRuns(
      KubernetesClient client,
      String namespace,
      RunId current,
      Duration olderThan,
      Instant now,
      Duration atMost) {
    Instant cutoff = now.minus(olderThan);
    Map<String, Instant> newestByRun = new TreeMap<>();
    List<HasMetadata> unlabelled = new ArrayList<>();
    for (HasMetadata object : managedObjects(client, namespace)) {
      Map<String, String> labels = object.getMetadata().getLabels();
      String run = labels == null ? null : labels.get(RunId.LABEL);
      Instant created = created(object);
      if (run == null) {
        if (created.isBefore(cutoff)) {
          unlabelled.add(object);
        }
      } else if (!run.equals(current.value())) {
        newestByRun.merge(run, created, (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    List<String> deleted = new ArrayList<>();
    for (Map.Entry<String, Instant> run : newestByRun.entrySet()) {
      if (run.getValue().isBefore(cutoff)) {
        LOG.info(
            "Deleting the leftovers of run {} in {} (newest object created {}, older than {})",
            run.getKey(),
            namespace,
            run.getValue(),
            Waits.format(olderThan));
        deleteRun(client, namespace, new RunId(run.getKey()), atMost);
        deleted.add(run.getKey());
      } else {
        LOG.info(
            "Leaving run {} in {} alone: it created an object at {}, within {}",
            run.getKey(),
            namespace,
            run.getValue(),
            Waits.format(olderThan));
      }
    }
    if (!unlabelled.isEmpty()) {
      LOG.info(
          "Deleting {} objects of {} labelled {}={} without a run id, older than {}",
          unlabelled.size(),
          namespace,
          FlinkResources.MANAGED_BY,
          FlinkResources.MANAGED_BY_VALUE,
          Waits.format(olderThan));
      unlabelled.forEach(o -> client.resource(o).inNamespace(namespace).delete());
      deleted.add("(no run id)");
    }
    return deleted;
  }

  private static void deleteSelected(
      KubernetesClient client, String namespace, Map<String, String> selector, Duration atMost) {
    if (!flinkResourcesServed(client, namespace)) {
      LOG.info("No Flink CRDs on the cluster yet: nothing of the operator's to delete");
    } else {
      deleteFlinkResources(client, namespace, selector, atMost);
    }
    for (Kind kind : CORE_KINDS) {
      kind.operation().apply(client).inNamespace(namespace).withLabels(selector).delete();
    }
    LOG.info("Deleted the objects labelled {} in namespace {}", selector, namespace);
  }

  private static void deleteFlinkResources(
      KubernetesClient client, String namespace, Map<String, String> selector, Duration atMost) {
    FlinkResources.sessionJobs(client).inNamespace(namespace).withLabels(selector).delete();
    FlinkResources.deployments(client).inNamespace(namespace).withLabels(selector).delete();
    try {
      Waits.until(
          "the operator to remove the FlinkSessionJobs and FlinkDeployments labelled "
              + selector
              + " in namespace "
              + namespace,
          atMost,
          () ->
              flinkResources(client, namespace, selector).stream()
                  .map(r -> r.getKind() + "/" + r.getMetadata().getName())
                  .toList(),
          List::isEmpty);
    } catch (WaitTimeoutException e) {
      // No operator to run the finalizers (not installed, or killed): drop them so the objects go.
      LOG.warn("{}; removing their finalizers", e.getMessage());
      for (GenericKubernetesResource resource : flinkResources(client, namespace, selector)) {
        var ops =
            resource.getKind().equals("FlinkSessionJob")
                ? FlinkResources.sessionJobs(client)
                : FlinkResources.deployments(client);
        ops.inNamespace(namespace)
            .withName(resource.getMetadata().getName())
            .edit(
                r -> {
                  r.getMetadata().setFinalizers(List.of());
                  return r;
                });
      }
    }
  }

  /** The run's PriorityClasses (cluster-scoped); a run without the right to list them has none. */
  private static void deletePriorityClasses(KubernetesClient client, RunId run) {
    try {
      client.scheduling().v1().priorityClasses().withLabels(run.labels()).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403) {
        throw e;
      }
      LOG.info("No right to delete PriorityClasses: run {} cannot have created any", run);
    }
  }

  /**
   * Every object labelled managed-by=flink-chaos in the namespace, of every kind the harness makes.
   */
  @SuppressWarnings("unchecked")
  private static List<HasMetadata> managedObjects(KubernetesClient client, String namespace) {
    Map<String, String> managed =
        Map.of(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE);
    List<HasMetadata> objects = new ArrayList<>();
    if (flinkResourcesServed(client, namespace)) {
      objects.addAll(flinkResources(client, namespace, managed));
    }
    for (Kind kind : CORE_KINDS) {
      Object list =
          kind.operation().apply(client).inNamespace(namespace).withLabels(managed).list();
      objects.addAll(((KubernetesResourceList<? extends HasMetadata>) list).getItems());
    }
    return objects;
  }

  private static Instant created(HasMetadata object) {
    String timestamp = object.getMetadata().getCreationTimestamp();
    // An object without a creation time (not from an API server) counts as just created.
    return timestamp == null ? Instant.MAX : OffsetDateTime.parse(timestamp).toInstant();
  }

  /** False when the API server does not serve the operator's resources (no CRDs yet: 404). */
  private static boolean flinkResourcesServed(KubernetesClient client, String namespace) {
    try {
      FlinkResources.sessionJobs(client).inNamespace(namespace).list();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private static List<GenericKubernetesResource> flinkResources(
      KubernetesClient client, String namespace, Map<String, String> selector) {
    List<GenericKubernetesResource> jobs =
        FlinkResources.sessionJobs(client)
            .inNamespace(namespace)
            .withLabels(selector)
            .list()
            .getItems();
    List<GenericKubernetesResource> deployments =
        FlinkResources.deployments(client)
            .inNamespace(namespace)
            .withLabels(selector)
            .list()
            .getItems();
    return Stream.concat(jobs.stream(), deployments.stream()).toList();
  }

  /** Run ids present in {@code namespace}, for messages. */
  static TreeSet<String> runsIn(KubernetesClient client, String namespace) {
    TreeSet<String> runs = new TreeSet<>();
    for (HasMetadata object : managedObjects(client, namespace)) {
      Map<String, String> labels = object.getMetadata().getLabels();
      runs.add(labels == null ? "(none)" : labels.getOrDefault(RunId.LABEL, "(none)"));
    }
    return runs;
  }
}
