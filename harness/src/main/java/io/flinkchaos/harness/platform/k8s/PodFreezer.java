package io.flinkchaos.harness.platform.k8s;

import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.ProcessFreezer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Freezes a Flink process from its node. The JVM is PID 1 of the main container ({@code
 * flink-main-container} under the operator, the container the standalone manifests name), and a
 * signal sent inside the container's PID namespace cannot stop its init process (the kernel drops
 * signals to a namespace's init from within it unless a handler is installed, and SIGSTOP has none:
 * pid_namespaces(7)), so the harness finds the container's PID as the node sees it ({@link
 * NodePids}: {@code k3s crictl ps} / {@code inspect}) and signals it there: {@code kill -STOP PID},
 * {@code kill -CONT PID}. Not run against a real k3s yet.
 */
final class PodFreezer implements ProcessFreezer {

  private static final Logger LOG = LoggerFactory.getLogger(PodFreezer.class);

  private final ClusterPods pods;
  private final TaskManagerNumbers numbers;
  private final NodePids pids;
  private final Map<FlinkProcess, Frozen> frozen = new HashMap<>();

  /** Which container process was stopped: a thaw signals it only if it still runs. */
  private record Frozen(String pod, String pid) {}

  PodFreezer(ClusterPods pods, TaskManagerNumbers numbers, NodeShell node) {
    this.pods = pods;
    this.numbers = numbers;
    this.pids = new NodePids(node, pods.namespace());
  }

  @Override
  public synchronized void freeze(FlinkProcess process) {
    String pod =
        process.role() == FlinkProcess.Role.JOB_MANAGER
            ? pods.jobManager().getMetadata().getName()
            : numbers.podOf(process.index());
    String pid =
        pidOf(pod, process)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "cannot freeze "
                            + process
                            + ": no running "
                            + pods.mainContainer(process.role())
                            + " of pod "
                            + pods.namespace()
                            + "/"
                            + pod
                            + " on the node"));
    LOG.info("Freezing {} (pod {}, PID {} on the node) with SIGSTOP", process, pod, pid);
    pids.node().exec("kill", "-STOP", pid);
    frozen.put(process, new Frozen(pod, pid));
  }

  /**
   * SIGCONT to the frozen process if its container still runs it; a no-op when the pod was replaced
   * or the container restarted (its old PID may belong to another process by now).
   */
  @Override
  public synchronized void thaw(FlinkProcess process) {
    Frozen was = frozen.remove(process);
    if (was == null) {
      return;
    }
    if (!pidOf(was.pod(), process).equals(Optional.of(was.pid()))) {
      LOG.info("Not thawing {}: pod {} no longer runs PID {}", process, was.pod(), was.pid());
      return;
    }
    LOG.info("Thawing {} (pod {}, PID {}) with SIGCONT", process, was.pod(), was.pid());
    pids.node().exec("kill", "-CONT", was.pid());
  }

  /** The node's PID of the running main container of {@code process}'s pod, if there is one. */
  private Optional<String> pidOf(String pod, FlinkProcess process) {
    return pids.ofContainer(pod, pods.mainContainer(process.role()));
  }
}
