package io.flinkchaos.harness.platform.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PID, as the node sees it, of a running container of a pod in one namespace: what the harness
 * signals (a freeze) or enters (a pod's network namespace) from the node.
 *
 * <pre>
 * k3s crictl ps [--name ^CONTAINER$] --label io.kubernetes.pod.name=POD
 *     --label io.kubernetes.pod.namespace=NS --state running -q       → container id
 * k3s crictl inspect --output go-template --template {{.info.pid}} ID → PID on the node
 * </pre>
 *
 * Read in kubernetes-sigs/cri-tools cmd/crictl/container.go: {@code ps} filters by {@code --name}
 * (a regular expression on the container name), repeatable {@code --label key=value}, {@code
 * --state} and prints ids with {@code -q}; {@code inspect} takes {@code --output go-template} and
 * {@code --template}, applied to the verbose info (cmd/crictl/util.go {@code outputStatusData}).
 * containerd's CRI puts the container's PID at {@code info.pid} (internal/cri/server/
 * container_status.go, {@code ContainerInfo.Pid}). {@code k3s crictl} is the crictl embedded in k3s
 * (docs.k3s.io/cli). Not run against a real k3s yet.
 */
final class NodePids {

  private final NodeShell node;
  private final String namespace;

  NodePids(NodeShell node, String namespace) {
    this.node = node;
    this.namespace = namespace;
  }

  /** The node's PID of the running container {@code container} of {@code pod}, if one runs. */
  Optional<String> ofContainer(String pod, String container) {
    return pid(pod, container);
  }

  /**
   * The node's PID of any running container of {@code pod}, if one runs: every container of a pod
   * shares the pod's network namespace, whichever container's name it has.
   */
  Optional<String> ofPod(String pod) {
    return pid(pod, null);
  }

  private Optional<String> pid(String pod, String container) {
    List<String> ps = new ArrayList<>(List.of("k3s", "crictl", "ps"));
    if (container != null) {
      ps.addAll(List.of("--name", "^" + container + "$"));
    }
    ps.addAll(
        List.of(
            "--label",
            "io.kubernetes.pod.name=" + pod,
            "--label",
            "io.kubernetes.pod.namespace=" + namespace,
            "--state",
            "running",
            "-q"));
    List<String> ids =
        node.exec(ps.toArray(String[]::new))
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty())
            .toList();
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    String pid =
        node.exec(
                "k3s",
                "crictl",
                "inspect",
                "--output",
                "go-template",
                "--template",
                "{{.info.pid}}",
                ids.get(0))
            .strip();
    if (!pid.matches("[1-9][0-9]*")) {
      throw new IllegalStateException(
          "crictl inspect " + ids.get(0) + " (pod " + pod + ") gave no PID but '" + pid + "'");
    }
    return Optional.of(pid);
  }

  /** A container's process stopped with SIGSTOP: resumed only if it still runs the container. */
  record Stopped(String pod, String container, String pid) {}

  /**
   * SIGSTOP to the process of the running container {@code container} of {@code pod}; {@code what}
   * names it in the error when none runs ("freeze TaskManager 1", "stop MinIO").
   */
  Stopped stop(String pod, String container, String what) {
    String pid =
        ofContainer(pod, container)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "cannot "
                            + what
                            + ": no running container "
                            + container
                            + " in pod "
                            + namespace
                            + "/"
                            + pod
                            + " on the node"));
    node.exec("kill", "-STOP", pid);
    return new Stopped(pod, container, pid);
  }

  /**
   * SIGCONT to a stopped process if its container still runs it; false (and no signal) when the pod
   * was replaced or the container restarted: its old PID may belong to another process by now.
   */
  boolean resume(Stopped stopped) {
    if (!ofContainer(stopped.pod(), stopped.container()).equals(Optional.of(stopped.pid()))) {
      return false;
    }
    node.exec("kill", "-CONT", stopped.pid());
    return true;
  }

  NodeShell node() {
    return node;
  }

  String namespace() {
    return namespace;
  }
}
