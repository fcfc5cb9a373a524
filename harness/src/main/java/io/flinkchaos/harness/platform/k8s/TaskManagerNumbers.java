package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Logical TaskManager numbers over pods that come and go: TaskManager {@code n} keeps its number
 * when its pod is replaced. A number stays with its pod while the pod lives; a pod the harness has
 * not seen before takes the lowest number that is neither held by a live pod nor down, so the
 * replacement of a killed TaskManager takes the vacated number. The first pods seen are numbered 1,
 * 2, … in name order. Flink's native Kubernetes ResourceManager names each TaskManager's resource
 * id after its pod ({@code KubernetesResourceManagerDriver}: {@code new KubernetesWorkerNode(new
 * ResourceID(podName))}), so Flink's REST API and the pods agree on names; in standalone mode the
 * pod is found by the address in the resource id.
 */
final class TaskManagerNumbers {

  private final ClusterPods pods;
  private final int taskManagers;
  private final Duration atMost;
  private final SortedMap<Integer, String> podOf = new TreeMap<>();
  private final SortedSet<Integer> down = new TreeSet<>();

  /**
   * @param taskManagers the cluster's shape: numbers 1..taskManagers are valid
   * @param atMost how long {@link #podOf(int)} waits for a replacement pod to appear
   */
  TaskManagerNumbers(ClusterPods pods, int taskManagers, Duration atMost) {
    this.pods = pods;
    this.taskManagers = taskManagers;
    this.atMost = atMost;
  }

  /** Number → pod name, after looking at the live TaskManager pods. */
  SortedMap<Integer, String> current() {
    return update(ClusterPods.names(pods.taskManagers()));
  }

  /** Number → pod name after {@code livePods} (sorted by name) are what is running now. */
  synchronized SortedMap<Integer, String> update(List<String> livePods) {
    podOf.values().retainAll(livePods);
    Set<String> known = new HashSet<>(podOf.values());
    int free = 1;
    for (String pod : livePods) {
      if (known.contains(pod)) {
        continue;
      }
      while (podOf.containsKey(free) || down.contains(free)) {
        free++;
      }
      podOf.put(free, pod);
    }
    return new TreeMap<>(podOf);
  }

  /**
   * The numbers of the TaskManagers Flink's REST API names by {@code resourceIds} (unknown ones are
   * left out): a native TaskManager's resource id is its pod's name; a standalone one's (the
   * operator's {@code spec.mode: standalone}, no {@code taskmanager.resource-id} set) is Flink's
   * default {@code <rpc address>:<rpc port>-<6 hex>} ({@code TaskManagerRunner
   * .getTaskManagerResourceID}), whose address is the pod's IP or host name.
   */
  SortedSet<Integer> numbersOf(Collection<String> resourceIds) {
    List<Pod> live = pods.taskManagers();
    Set<String> podNames = new HashSet<>();
    for (String id : resourceIds) {
      podOfResource(id, live).ifPresent(podNames::add);
    }
    SortedSet<Integer> numbers = new TreeSet<>();
    for (Map.Entry<Integer, String> entry : update(ClusterPods.names(live)).entrySet()) {
      if (podNames.contains(entry.getValue())) {
        numbers.add(entry.getKey());
      }
    }
    return numbers;
  }

  static Optional<String> podOfResource(String resourceId, List<Pod> live) {
    String host = resourceId.contains(":") ? resourceId.substring(0, resourceId.indexOf(':')) : "";
    return live.stream()
        .filter(
            p ->
                p.getMetadata().getName().equals(resourceId)
                    || p.getMetadata().getName().equals(host)
                    || (p.getStatus() != null && host.equals(p.getStatus().getPodIP())))
        .map(p -> p.getMetadata().getName())
        .findFirst();
  }

  /**
   * The pod of TaskManager {@code index}, waiting (bounded) for the replacement of a killed one to
   * appear; fails at once for a number outside the cluster or a TaskManager taken down.
   */
  String podOf(int index) {
    SortedMap<Integer, String> now = current();
    int highest = Math.max(taskManagers, now.isEmpty() ? 0 : now.lastKey());
    if (index < 1 || index > highest) {
      throw new IllegalArgumentException(
          "no TaskManager "
              + index
              + " in "
              + pods.where()
              + ": it has TaskManagers 1.."
              + highest
              + " (now "
              + now
              + ")");
    }
    if (isDown(index)) {
      throw new IllegalStateException(
          "TaskManager "
              + index
              + " of "
              + pods.where()
              + " is down: bring it back before acting on it");
    }
    return Waits.until(
            "a pod for TaskManager " + index + " of " + pods.where(),
            atMost,
            this::current,
            numbers -> numbers.containsKey(index))
        .get(index);
  }

  /** Reserves the number of a TaskManager taken down: no other pod takes it meanwhile. */
  synchronized void markDown(int index) {
    down.add(index);
  }

  synchronized void markUp(int index) {
    down.remove(index);
  }

  synchronized boolean isDown(int index) {
    return down.contains(index);
  }

  synchronized int downCount() {
    return down.size();
  }
}
