package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkchaos.harness.report.Evidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's state for a scenario's evidence: its FlinkDeployment and FlinkSessionJobs, the status
 * changes the informer saw, the namespace's events, and the tails of the JobManager, TaskManager
 * and operator logs. A part that cannot be read says why instead of failing.
 */
final class KubernetesEvidence {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEvidence.class);

  static final int LOG_TAIL_LINES = 300;

  private final ClusterPods pods;
  private final java.util.function.Consumer<Evidence> resources;

  /** An operator's cluster: its FlinkDeployment, the jobs' resources and their status changes. */
  KubernetesEvidence(ClusterPods pods, ClusterJobs jobs) {
    this.pods = pods;
    this.resources = evidence -> operatorResources(evidence, jobs);
  }

  /** A cluster without operator: {@code objects} as the API server has them now. */
  KubernetesEvidence(
      ClusterPods pods,
      Supplier<List<io.fabric8.kubernetes.api.model.HasMetadata>> objects,
      String what) {
    this.pods = pods;
    this.resources =
        evidence ->
            evidence.add(
                "k8s " + pods.namespace() + "/" + pods.cluster() + " " + what,
                safely(
                    () ->
                        objects.get().stream()
                            .map(
                                o ->
                                    Serialization.asYaml(
                                        pods.client()
                                            .resource(o)
                                            .inNamespace(pods.namespace())
                                            .get()))
                            .collect(Collectors.joining("\n"))));
  }

  void collect(Evidence evidence) {
    KubernetesClient client = pods.client();
    String namespace = pods.namespace();
    resources.accept(evidence);
    String prefix = "k8s " + namespace + "/";
    evidence.add(prefix + " events", safely(this::events));
    List<Pod> all = new ArrayList<>(safelyList(pods::jobManagers));
    all.addAll(safelyList(pods::taskManagers));
    all.addAll(safelyList(pods::operators));
    for (Pod pod : all) {
      String podNamespace =
          pod.getMetadata().getNamespace() == null ? namespace : pod.getMetadata().getNamespace();
      String name = pod.getMetadata().getName();
      evidence.add(
          "k8s " + podNamespace + "/" + name + " log (last " + LOG_TAIL_LINES + " lines)",
          safely(
              () ->
                  client
                      .pods()
                      .inNamespace(podNamespace)
                      .withName(name)
                      .tailingLines(LOG_TAIL_LINES)
                      .getLog()));
    }
  }

  private void operatorResources(Evidence evidence, ClusterJobs jobs) {
    KubernetesClient client = pods.client();
    String namespace = pods.namespace();
    String prefix = "k8s " + namespace + "/";
    evidence.add(
        prefix + pods.deployment() + " FlinkDeployment",
        safely(
            () ->
                Serialization.asYaml(
                    FlinkResources.deployments(client)
                        .inNamespace(namespace)
                        .withName(pods.deployment())
                        .get())));
    for (String name : jobs.names()) {
      if (!name.equals(pods.deployment())) {
        evidence.add(
            prefix + name + " " + jobs.kind(),
            safely(() -> Serialization.asYaml(jobs.resource(name).get())));
      }
    }
    evidence.add(
        prefix + " " + jobs.kind() + " status changes",
        safely(() -> String.join("\n", jobs.transitions())));
  }

  private String events() {
    return pods.client().v1().events().inNamespace(pods.namespace()).list().getItems().stream()
        .sorted(Comparator.comparing((Event e) -> String.valueOf(e.getLastTimestamp())))
        .map(
            e ->
                e.getLastTimestamp()
                    + " "
                    + e.getType()
                    + " "
                    + e.getReason()
                    + " "
                    + e.getInvolvedObject().getKind()
                    + "/"
                    + e.getInvolvedObject().getName()
                    + ": "
                    + e.getMessage())
        .collect(Collectors.joining("\n"));
  }

  private static String safely(Supplier<String> read) {
    try {
      String text = read.get();
      return text == null ? "(none)" : text;
    } catch (RuntimeException e) {
      return "(could not read: " + e + ")";
    }
  }

  private static List<Pod> safelyList(Supplier<List<Pod>> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      LOG.warn("Could not list pods for evidence: {}", e.toString());
      return List.of();
    }
  }
}
