package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the pods of a namespace are waiting on, on one line, for the heartbeat of a slow wait: a pod
 * still pulling its image shows as {@code ContainerCreating} (or {@code ErrImagePull} / {@code
 * ImagePullBackOff}) with the image named, so a first run's long image pull says so.
 */
final class PodStates {

  private PodStates() {}

  static String in(KubernetesClient client, String namespace) {
    try {
      return describe(client.pods().inNamespace(namespace).list().getItems());
    } catch (RuntimeException e) {
      return "pods unreadable: " + e.getMessage();
    }
  }

  /** "pod a: Running; pod b: ContainerCreating (image flink:1.20.3)", or "no pods yet". */
  static String describe(List<Pod> pods) {
    if (pods.isEmpty()) {
      return "no pods yet";
    }
    return pods.stream().map(PodStates::describe).collect(Collectors.joining("; "));
  }

  private static String describe(Pod pod) {
    String name = "pod " + pod.getMetadata().getName();
    if (pod.getStatus() == null) {
      return name + ": no status yet";
    }
    List<String> waiting = new ArrayList<>();
    List<ContainerStatus> statuses = new ArrayList<>();
    statuses.addAll(pod.getStatus().getInitContainerStatuses());
    statuses.addAll(pod.getStatus().getContainerStatuses());
    for (ContainerStatus status : statuses) {
      if (status.getState() != null && status.getState().getWaiting() != null) {
        waiting.add(
            status.getState().getWaiting().getReason() + " (image " + status.getImage() + ")");
      }
    }
    return name
        + ": "
        + (waiting.isEmpty() ? pod.getStatus().getPhase() : String.join(", ", waiting));
  }
}
