package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pods of one session cluster (labels {@code app=<cluster>,component=jobmanager|taskmanager},
 * as Flink's native Kubernetes integration sets them) and of the operator, and their deletion.
 */
final class ClusterPods {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterPods.class);

  static final String OPERATOR_POD_LABEL = "app.kubernetes.io/name";
  static final String OPERATOR_POD_LABEL_VALUE = "flink-kubernetes-operator";

  private final KubernetesClient client;
  private final String namespace;
  private final String operatorNamespace;
  private final String cluster;

  ClusterPods(KubernetesClient client, String namespace, String operatorNamespace, String cluster) {
    this.client = client;
    this.namespace = namespace;
    this.operatorNamespace = operatorNamespace;
    this.cluster = cluster;
  }

  KubernetesClient client() {
    return client;
  }

  String namespace() {
    return namespace;
  }

  String cluster() {
    return cluster;
  }

  /** "chaos-test/flink-chaos-1": the cluster in messages. */
  String where() {
    return namespace + "/" + cluster;
  }

  /** TaskManager pods not being deleted, sorted by name. */
  List<Pod> taskManagers() {
    return pods("taskmanager");
  }

  List<Pod> jobManagers() {
    return pods("jobmanager");
  }

  /** The JobManager pods (more than one during an HA failover), or a one-line error. */
  List<Pod> requireJobManagers() {
    List<Pod> pods = jobManagers();
    if (pods.isEmpty()) {
      throw new IllegalStateException(
          "no JobManager pod in "
              + namespace
              + " with labels app="
              + cluster
              + ",component=jobmanager");
    }
    return pods;
  }

  /** The JobManager pod, or a one-line error naming the labels looked for. */
  Pod jobManager() {
    return requireJobManagers().get(0);
  }

  List<Pod> operators() {
    return client
        .pods()
        .inNamespace(operatorNamespace)
        .withLabel(OPERATOR_POD_LABEL, OPERATOR_POD_LABEL_VALUE)
        .list()
        .getItems();
  }

  String operatorNamespace() {
    return operatorNamespace;
  }

  private List<Pod> pods(String component) {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel("app", cluster)
        .withLabel("component", component)
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .toList();
  }

  /** Deletes {@code pod} with grace period 0 (a SIGKILL, no shutdown hooks). */
  void deleteNow(Pod pod, String role) {
    String podNamespace =
        pod.getMetadata().getNamespace() == null ? namespace : pod.getMetadata().getNamespace();
    deleteNow(podNamespace, pod.getMetadata().getName(), role);
  }

  void deleteNow(String podNamespace, String pod, String role) {
    LOG.info("Deleting {} pod {}/{} with grace period 0", role, podNamespace, pod);
    client.pods().inNamespace(podNamespace).withName(pod).withGracePeriod(0).delete();
  }

  static List<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getName()).toList();
  }

  static String joined(List<Pod> pods) {
    return names(pods).stream().collect(Collectors.joining(", "));
  }
}
