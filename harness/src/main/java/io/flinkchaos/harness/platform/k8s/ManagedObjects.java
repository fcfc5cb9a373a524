package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkchaos.harness.wait.WaitTimeoutException;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what the harness created in a namespace, and only that: objects labelled {@code
 * app.kubernetes.io/managed-by=flink-chaos}. Flink resources go first, so the operator can cancel
 * jobs and remove the clusters (and their HA ConfigMaps) while it still runs.
 */
public final class ManagedObjects {

  private static final Logger LOG = LoggerFactory.getLogger(ManagedObjects.class);

  private ManagedObjects() {}

  public static void deleteAll(KubernetesClient client, String namespace, Duration atMost) {
    String label = FlinkResources.MANAGED_BY + "=" + FlinkResources.MANAGED_BY_VALUE;
    if (!flinkResourcesServed(client, namespace)) {
      LOG.info("No Flink CRDs on the cluster yet: nothing of the operator's to delete");
    } else {
      deleteFlinkResources(client, namespace, label, atMost);
    }
    deleteCoreObjects(client, namespace, label);
  }

  private static void deleteFlinkResources(
      KubernetesClient client, String namespace, String label, Duration atMost) {
    FlinkResources.sessionJobs(client)
        .inNamespace(namespace)
        .withLabel(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE)
        .delete();
    FlinkResources.deployments(client)
        .inNamespace(namespace)
        .withLabel(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE)
        .delete();
    try {
      Waits.until(
          "the operator to remove the FlinkSessionJobs and FlinkDeployments labelled "
              + label
              + " in namespace "
              + namespace,
          atMost,
          () ->
              flinkResources(client, namespace).stream()
                  .map(r -> r.getKind() + "/" + r.getMetadata().getName())
                  .toList(),
          List::isEmpty);
    } catch (WaitTimeoutException e) {
      // No operator to run the finalizers (not installed, or killed): drop them so the objects go.
      LOG.warn("{}; removing their finalizers", e.getMessage());
      for (GenericKubernetesResource resource : flinkResources(client, namespace)) {
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

  private static void deleteCoreObjects(KubernetesClient client, String namespace, String label) {
    client
        .resourceQuotas()
        .inNamespace(namespace)
        .withLabel(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE)
        .delete();
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withLabel(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE)
        .delete();
    client
        .services()
        .inNamespace(namespace)
        .withLabel(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE)
        .delete();
    client
        .secrets()
        .inNamespace(namespace)
        .withLabel(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE)
        .delete();
    client
        .configMaps()
        .inNamespace(namespace)
        .withLabel(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE)
        .delete();
    LOG.info("Deleted the objects labelled {} in namespace {}", label, namespace);
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
      KubernetesClient client, String namespace) {
    List<GenericKubernetesResource> jobs =
        FlinkResources.sessionJobs(client)
            .inNamespace(namespace)
            .withLabel(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE)
            .list()
            .getItems();
    List<GenericKubernetesResource> deployments =
        FlinkResources.deployments(client)
            .inNamespace(namespace)
            .withLabel(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE)
            .list()
            .getItems();
    return java.util.stream.Stream.concat(jobs.stream(), deployments.stream()).toList();
  }
}
