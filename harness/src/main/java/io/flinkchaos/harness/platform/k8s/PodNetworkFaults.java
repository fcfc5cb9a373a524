package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.NetworkFaults;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TaskManager pod cut off from the JobManager pod on Kubernetes, from the node, as the local
 * platform does between network namespaces: blackhole routes in both pods' own network namespaces
 * ({@link PodRoutes}: {@code nsenter -t <PID> -n ip route replace blackhole <address>/32}). In the
 * TaskManager's namespace, one to each JobManager pod's IP and to the ClusterIP of each Service
 * that selects the JobManager pod (the TaskManager may reach it through one: the docs' standalone
 * {@code flink-jobmanager} Service, the REST Service; Flink's native internal Service is headless,
 * i.e. the pod IP); in each JobManager's namespace, one to the TaskManager pod's IP. A packet to a
 * ClusterIP leaves the pod with that destination (kube-proxy translates it on the node, outside the
 * namespace), so the route catches it. Packets are dropped, not refused: established connections
 * stall with no error to Flink and resume when the routes go. Heal deletes exactly those routes
 * (nothing if not cut); a pod gone meanwhile took its routes with it (Flink's native
 * ResourceManager may release the pod of a TaskManager it declared lost).
 *
 * <p>What it cuts: TaskManager ↔ JobManager (RPC, blob server, REST), both ways. Not cut: the
 * TaskManager's links to the other TaskManagers, MinIO, DNS and the Kubernetes API server. With
 * Kubernetes HA (the only HA on Kubernetes: no ZooKeeper) the TaskManager therefore still reads the
 * leader ConfigMap and sees leader changes, unlike a locally cut TaskManager, which loses ZooKeeper
 * too: the JobManager link, which heartbeats and task deployment ride on, is the point of the
 * fault; cutting the API server as well would be a different fault (and the JobManager's own link
 * to it, which keeps its leadership, is never touched). A JobManager pod that starts during the
 * partition (an HA failover) is not cut.
 *
 * <p>Why not a NetworkPolicy: kube-router (k3s's embedded NetworkPolicy controller) and Calico
 * accept RELATED,ESTABLISHED traffic before evaluating any policy (kube-router's pod firewall
 * chain's first rule is {@code ctstate RELATED,ESTABLISHED ACCEPT}: cloudnativelabs/kube-router
 * issue 1056; Calico applies policy to connection setup only: projectcalico/calico issue 6399,
 * istio/istio issue 5815), so a policy stops new connections only. Flink's RPC and heartbeats ride
 * long-lived connections: the fault would claim a partition that never landed.
 *
 * <p>Added latency needs {@code tc} with netem on the node, which the k3s image does not ship:
 * {@link #delays()} is missing with that reason. Not run against a real k3s yet.
 */
final class PodNetworkFaults implements NetworkFaults {

  private static final Logger LOG = LoggerFactory.getLogger(PodNetworkFaults.class);

  static final String NO_NODE =
      "needs node access to add routes in the pods' network namespaces (-Dharness.platform=k3s"
          + " has it; a kubeconfig cluster does not); a NetworkPolicy would not do: kube-router and"
          + " Calico let established connections through, so Flink's open RPC and heartbeat"
          + " connections would never be cut";

  static final String NO_TC =
      "needs tc with netem on the node, which the k3s image does not ship (k3s-io/k3s-root"
          + " scripts/package copies iproute2's ip, not its tc; busybox's tc knows no netem)";

  static final String BLACKHOLE = "blackhole";

  private final ClusterPods pods;
  private final TaskManagerNumbers numbers;
  private final PodRoutes routes;
  private final Map<FlinkProcess, List<PodRoutes.Route>> cut = new LinkedHashMap<>();

  PodNetworkFaults(ClusterPods pods, TaskManagerNumbers numbers, NodeShell node) {
    this.pods = pods;
    this.numbers = numbers;
    this.routes = new PodRoutes(new NodePids(node, pods.namespace()), pods.client());
  }

  /** Partitions from the node where there is one, else missing with the reason. */
  static Capability<NetworkFaults> on(
      Capability<NodeShell> node, ClusterPods pods, TaskManagerNumbers numbers) {
    return node.get()
        .<Capability<NetworkFaults>>map(
            shell -> Capability.of(new PodNetworkFaults(pods, numbers, shell)))
        .orElseGet(() -> Capability.missing(NO_NODE));
  }

  @Override
  public synchronized void partition(FlinkProcess taskManager) {
    Links links = links(taskManager);
    List<PodRoutes.Route> added = cut.computeIfAbsent(taskManager, tm -> new ArrayList<>());
    for (String address : links.jobManagerAddresses().keySet()) {
      add(added, new PodRoutes.Route(links.taskManagerPod(), BLACKHOLE, address));
    }
    for (String jobManager : links.jobManagerPods()) {
      add(added, new PodRoutes.Route(jobManager, BLACKHOLE, links.taskManagerIp()));
    }
    LOG.info("Partitioned: {}", links);
  }

  private void add(List<PodRoutes.Route> added, PodRoutes.Route route) {
    routes.add(route);
    if (!added.contains(route)) {
      added.add(route);
    }
  }

  /** Deletes every route the partition added; tries all before failing with the first error. */
  @Override
  public synchronized void heal(FlinkProcess taskManager) {
    List<PodRoutes.Route> added = cut.get(taskManager);
    if (added == null) {
      return;
    }
    RuntimeException first = null;
    for (PodRoutes.Route route : List.copyOf(added)) {
      try {
        routes.delete(route);
        added.remove(route);
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
    cut.remove(taskManager);
    LOG.info("Healed the partition of {}", taskManager);
  }

  @Override
  public String linksCutBy(FlinkProcess taskManager) {
    return links(taskManager).toString();
  }

  @Override
  public Capability<LinkDelays> delays() {
    return Capability.missing(NO_TC);
  }

  /** What a partition of {@code taskManager} cuts, read from the pods and Services now. */
  private Links links(FlinkProcess taskManager) {
    if (taskManager.role() != FlinkProcess.Role.TASK_MANAGER) {
      throw new IllegalArgumentException("network faults hit TaskManagers, not " + taskManager);
    }
    String name = numbers.podOf(taskManager.index());
    Pod pod = pods.client().pods().inNamespace(pods.namespace()).withName(name).get();
    if (pod == null) {
      throw new IllegalStateException(
          "cannot cut off " + taskManager + ": pod " + pods.namespace() + "/" + name + " is gone");
    }
    List<Pod> jobManagers = pods.requireJobManagers();
    Map<String, String> jobManagerAddresses = new LinkedHashMap<>();
    for (Pod jobManager : jobManagers) {
      jobManagerAddresses.put(ip(jobManager), "pod " + jobManager.getMetadata().getName());
    }
    for (Service service : servicesSelecting(jobManagers)) {
      jobManagerAddresses.put(
          service.getSpec().getClusterIP(), "Service " + service.getMetadata().getName());
    }
    return new Links(
        taskManager, name, ip(pod), ClusterPods.names(jobManagers), jobManagerAddresses);
  }

  /** Services with a ClusterIP whose selector matches a JobManager pod. */
  private List<Service> servicesSelecting(List<Pod> jobManagers) {
    return pods.client().services().inNamespace(pods.namespace()).list().getItems().stream()
        .filter(s -> s.getSpec() != null && s.getSpec().getSelector() != null)
        .filter(s -> !s.getSpec().getSelector().isEmpty())
        .filter(s -> hasClusterIp(s.getSpec().getClusterIP()))
        .filter(
            s ->
                jobManagers.stream()
                    .map(p -> p.getMetadata().getLabels())
                    .filter(Objects::nonNull)
                    .anyMatch(labels -> labels.entrySet().containsAll(selector(s))))
        .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
        .toList();
  }

  private static Set<Map.Entry<String, String>> selector(Service service) {
    return service.getSpec().getSelector().entrySet();
  }

  private static boolean hasClusterIp(String clusterIp) {
    return clusterIp != null && !clusterIp.isBlank() && !clusterIp.equals("None");
  }

  private String ip(Pod pod) {
    String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    if (ip == null || ip.isBlank()) {
      throw new IllegalStateException(
          "pod "
              + pods.namespace()
              + "/"
              + pod.getMetadata().getName()
              + " has no IP yet (phase "
              + (pod.getStatus() == null ? null : pod.getStatus().getPhase())
              + "): nothing to cut");
    }
    return ip;
  }

  /**
   * @param jobManagerAddresses address → what it is ("pod …", "Service …")
   */
  private record Links(
      FlinkProcess taskManager,
      String taskManagerPod,
      String taskManagerIp,
      List<String> jobManagerPods,
      Map<String, String> jobManagerAddresses) {

    @Override
    public String toString() {
      return taskManager
          + " (pod "
          + taskManagerPod
          + " "
          + taskManagerIp
          + ") <-> the JobManager ("
          + jobManagerAddresses.entrySet().stream()
              .map(e -> e.getValue() + " " + e.getKey())
              .collect(Collectors.joining(", "))
          + "), both directions; the Kubernetes API server, DNS, MinIO and the other"
          + " TaskManagers stay reachable";
    }
  }
}
