package io.flinkchaos.harness.platform.k8s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fake: a node whose containerd runs one {@code flink-main-container} per pod, answering the crictl
 * commands {@link PodFreezer} sends as crictl prints them (ids one a line for {@code ps -q}; the
 * template's value for {@code inspect}), and recording every command.
 */
final class FakeNodeShell implements NodeShell {

  final List<String> commands = new ArrayList<>();
  private final Map<String, String> containerOf = new HashMap<>();
  private final Map<String, String> pidOf = new HashMap<>();

  /** The pod's main container is (now) {@code containerId}, PID {@code pid} on the node. */
  void runs(String pod, String containerId, int pid) {
    containerOf.put(pod, containerId);
    pidOf.put(containerId, Integer.toString(pid));
  }

  void gone(String pod) {
    containerOf.remove(pod);
  }

  @Override
  public String exec(String... command) {
    List<String> words = List.of(command);
    commands.add(String.join(" ", words));
    if (words.subList(0, 3).equals(List.of("k3s", "crictl", "ps"))) {
      String label = words.get(words.indexOf("--label") + 1);
      String pod = label.substring("io.kubernetes.pod.name=".length());
      return containerOf.containsKey(pod) ? containerOf.get(pod) + "\n" : "";
    }
    if (words.subList(0, 3).equals(List.of("k3s", "crictl", "inspect"))) {
      return pidOf.get(words.get(words.size() - 1)) + "\n";
    }
    if (words.get(0).equals("kill")) {
      return "";
    }
    throw new IllegalStateException(
        "the fake node does not know '" + String.join(" ", words) + "'");
  }
}
