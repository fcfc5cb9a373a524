package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkchaos.harness.platform.FlinkProcess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pods of one cluster's current FlinkDeployment (labels {@code
 * app=<deployment>,component=jobmanager|taskmanager}, as both Flink's native Kubernetes integration
 * and the operator's standalone mode set them) and of the operator, and their deletion. A session
 * cluster is one FlinkDeployment named like the cluster; in application mode each deployed job is
 * its own FlinkDeployment, so the name is asked for each time.
 */
final class ClusterPods {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterPods.class);

  static final String OPERATOR_POD_LABEL = "app.kubernetes.io/name";
  static final String OPERATOR_POD_LABEL_VALUE = "flink-kubernetes-operator";

  private final KubernetesClient client;
  private final String namespace;
  private final String operatorNamespace;
  private final String cluster;
  private final Supplier<String> deployment;
  private final Supplier<PodLayout> layout;

  ClusterPods(KubernetesClient client, String namespace, String operatorNamespace, String cluster) {
    this(client, namespace, operatorNamespace, cluster, () -> cluster);
  }

  /**
   * @param deployment the FlinkDeployment whose pods these are now
   */
  ClusterPods(
      KubernetesClient client,
      String namespace,
      String operatorNamespace,
      String cluster,
      Supplier<String> deployment) {
    this(
        client,
        namespace,
        operatorNamespace,
        cluster,
        deployment,
        () -> PodLayout.ofFlinkDeployment(deployment.get()));
  }

  /**
   * @param layout how this cluster's pods, REST Service and main container are found now
   */
  ClusterPods(
      KubernetesClient client,
      String namespace,
      String operatorNamespace,
      String cluster,
      Supplier<String> deployment,
      Supplier<PodLayout> layout) {
    this.client = client;
    this.namespace = namespace;
    this.operatorNamespace = operatorNamespace;
    this.cluster = cluster;
    this.deployment = deployment;
    this.layout = layout;
  }

  /** The Service that reaches the JobManager's REST port. */
  String restService() {
    return layout.get().restService();
  }

  /** The JobManager pod's Flink container. */
  /** The container whose PID 1 is {@code role}'s JVM. */
  String mainContainer(FlinkProcess.Role role) {
    return layout.get().mainContainer(role);
  }

  KubernetesClient client() {
    return client;
  }

  String namespace() {
    return namespace;
  }

  /** The cluster's name: stable for its life, whatever FlinkDeployment runs now. */
  String cluster() {
    return cluster;
  }

  /** The FlinkDeployment whose pods these are now (the cluster's name for a session cluster). */
  String deployment() {
    return deployment.get();
  }

  /** "chaos-test/flink-chaos-1": the FlinkDeployment in messages. */
  String where() {
    return namespace + "/" + deployment();
  }

  /** TaskManager pods not being deleted, sorted by name. */
  List<Pod> taskManagers() {
    return pods(layout.get().taskManagers());
  }

  /** The JobManager and TaskManager pods not being deleted: every Flink process of the cluster. */
  List<Pod> flinkPods() {
    List<Pod> all = new ArrayList<>(jobManagers());
    all.addAll(taskManagers());
    return all;
  }

  List<Pod> jobManagers() {
    return pods(layout.get().jobManagers());
  }

  /** The JobManager pods (more than one during an HA failover), or a one-line error. */
  List<Pod> requireJobManagers() {
    List<Pod> pods = jobManagers();
    if (pods.isEmpty()) {
      throw new IllegalStateException(
          "no JobManager pod in "
              + namespace
              + " with labels "
              + PodLayout.selector(layout.get().jobManagers()));
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

  private List<Pod> pods(Map<String, String> labels) {
    return client.pods().inNamespace(namespace).withLabels(labels).list().getItems().stream()
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
