package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.StorageOutages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outages of this run's in-cluster MinIO ({@code fc-<run>-minio}, {@link InClusterMinio}) on k3s,
 * caused from the node, as the local platform does with its embedded s3proxy:
 *
 * <ul>
 *   <li>{@link #stopAnswering()}: SIGSTOP to the MinIO container's process, found as {@link
 *       PodFreezer} finds a Flink JVM ({@link NodePids}: {@code k3s crictl ps --name ^minio$ …},
 *       {@code inspect}); connections are accepted by the kernel and requests hang; its data stays
 *       (in memory of a stopped process and on the pod's emptyDir). The template's readiness probe
 *       tolerates 60 s of silence, so a stall stays a stall instead of MinIO leaving its Service's
 *       endpoints (kube-proxy then rejects new connections); its liveness probe restarts a MinIO
 *       silent for about 30 s (the emptyDir keeps the data), so stalls are meant to be shorter.
 *   <li>{@link #refuseConnections()}: in the network namespace of every Flink pod (the JobManager
 *       and TaskManagers running now), {@code ip route replace prohibit <MinIO's ClusterIP>/32}
 *       ({@link PodRoutes}). The pods reach MinIO at {@code s3.endpoint =
 *       http://fc-<run>-minio.<namespace>.svc:9000} ({@link FlinkManifests}, {@link
 *       StandaloneManifests}), a Service name that resolves to its ClusterIP, and a packet to it
 *       leaves the pod with that destination. A connect to a prohibit route fails at once with
 *       EACCES ("Permission denied", not "Connection refused": the kernel's answer to a locally
 *       generated packet on a prohibit route); an open connection is not reset as the local proxy
 *       does, its next packets fail the same way and it stalls until the restore. A TaskManager pod
 *       that starts during the outage is not cut off.
 *   <li>{@link #restore()}: SIGCONT if the same process still runs the container (a thaw after a
 *       restart does nothing), and the prohibit routes deleted (a pod gone took them with it).
 * </ul>
 *
 * The harness's own reads go through a port-forward to the MinIO pod and are not cut off (they hang
 * while it is stopped). Not run against a real k3s yet.
 */
final class MinioOutages implements StorageOutages {

  private static final Logger LOG = LoggerFactory.getLogger(MinioOutages.class);

  static final String AWS_STORAGE =
      "needs the in-cluster MinIO the harness runs; with -Dharness.s3.endpoint=aws the store is"
          + " your own S3, which the harness neither stops nor cuts off";

  static final String NO_NODE =
      "needs node access to freeze MinIO or add routes in the Flink pods' network namespaces"
          + " (-Dharness.platform=k3s has it; a kubeconfig cluster does not)";

  static final String PROHIBIT = "prohibit";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final NodePids pids;
  private final PodRoutes routes;
  private final Supplier<List<Pod>> flinkPods;
  private NodePids.Stopped frozen;

  /** The MinIO process stopped: restore signals it only if it still runs the container. */

  /**
   * @param name the MinIO Service (and Deployment) of this run
   * @param flinkPods the Flink pods running now
   */
  MinioOutages(
      KubernetesClient client,
      String namespace,
      String name,
      NodeShell node,
      Supplier<List<Pod>> flinkPods) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.pids = new NodePids(node, namespace);
    this.routes = new PodRoutes(pids, client);
    this.flinkPods = flinkPods;
  }

  /**
   * Outages from the node where there is one and the store is the in-cluster MinIO; else missing
   * with the reason.
   */
  static Capability<StorageOutages> on(
      boolean awsStorage, Capability<NodeShell> node, Function<NodeShell, StorageOutages> outages) {
    if (awsStorage) {
      return Capability.missing(AWS_STORAGE);
    }
    return node.get()
        .<Capability<StorageOutages>>map(shell -> Capability.of(outages.apply(shell)))
        .orElseGet(() -> Capability.missing(NO_NODE));
  }

  @Override
  public synchronized void stopAnswering() {
    String pod = minioPod();
    frozen = pids.stop(pod, InClusterMinio.CONTAINER, "stop MinIO");
    LOG.info("Stopped MinIO (pod {}, PID {} on the node) with SIGSTOP", pod, frozen.pid());
  }

  @Override
  public synchronized void refuseConnections() {
    String clusterIp = clusterIp();
    List<Pod> pods = flinkPods.get();
    if (pods.isEmpty()) {
      throw new IllegalStateException(
          "cannot cut the Flink pods off MinIO: no JobManager or TaskManager pod runs in "
              + namespace);
    }
    for (Pod pod : pods) {
      routes.add(new PodRoutes.Route(pod.getMetadata().getName(), PROHIBIT, clusterIp));
    }
    LOG.info("MinIO ({} {}) refuses the Flink pods {}", name, clusterIp, ClusterPods.names(pods));
  }

  /** Ends whichever outage is in force; tries every part before failing with the first error. */
  @Override
  public synchronized void restore() {
    RuntimeException first = null;
    if (frozen != null) {
      try {
        thaw();
      } catch (RuntimeException e) {
        first = e;
      }
    }
    for (PodRoutes.Route route : routes.added()) {
      try {
        routes.delete(route);
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void thaw() {
    NodePids.Stopped was = frozen;
    if (pids.resume(was)) {
      LOG.info("Continued MinIO (pod {}, PID {}) with SIGCONT", was.pod(), was.pid());
    } else {
      LOG.info("Not continuing MinIO: pod {} no longer runs PID {}", was.pod(), was.pid());
    }
    frozen = null;
  }

  private Service service() {
    Service service = client.services().inNamespace(namespace).withName(name).get();
    if (service == null || service.getSpec() == null) {
      throw new IllegalStateException("no MinIO Service " + namespace + "/" + name);
    }
    return service;
  }

  /** The Service's ClusterIP: where the Flink pods' connections to MinIO go. */
  private String clusterIp() {
    String ip = service().getSpec().getClusterIP();
    if (ip == null || ip.isBlank() || ip.equals("None")) {
      throw new IllegalStateException(
          "MinIO Service " + namespace + "/" + name + " has no ClusterIP (" + ip + ")");
    }
    return ip;
  }

  /** The MinIO pod the Service selects (its Deployment runs one, recreated, never two). */
  private String minioPod() {
    Map<String, String> selector = service().getSpec().getSelector();
    List<Pod> pods = new ArrayList<>();
    if (selector != null && !selector.isEmpty()) {
      client.pods().inNamespace(namespace).withLabels(selector).list().getItems().stream()
          .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
          .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
          .forEach(pods::add);
    }
    if (pods.isEmpty()) {
      throw new IllegalStateException(
          "no MinIO pod in "
              + namespace
              + " with labels "
              + (selector == null ? "{}" : PodLayout.selector(selector))
              + " (the selector of Service "
              + name
              + ")");
    }
    return pods.get(0).getMetadata().getName();
  }

  @Override
  public String toString() {
    return "MinIO " + namespace + "/" + name + ", from the node";
  }
}
