package io.flinkchaos.harness.platform.k8s;

import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.ProcessFreezer;
import java.util.HashMap;
import java.util.Map;
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
  private final Map<FlinkProcess, NodePids.Stopped> frozen = new HashMap<>();

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
    NodePids.Stopped stopped =
        pids.stop(pod, pods.mainContainer(process.role()), "freeze " + process);
    LOG.info("Froze {} (pod {}, PID {} on the node) with SIGSTOP", process, pod, stopped.pid());
    frozen.put(process, stopped);
  }

  /**
   * SIGCONT to the frozen process if its container still runs it; a no-op when the pod was replaced
   * or the container restarted (its old PID may belong to another process by now).
   */
  @Override
  public synchronized void thaw(FlinkProcess process) {
    NodePids.Stopped was = frozen.remove(process);
    if (was == null) {
      return;
    }
    if (pids.resume(was)) {
      LOG.info("Thawed {} (pod {}, PID {}) with SIGCONT", process, was.pod(), was.pid());
    } else {
      LOG.info("Not thawing {}: pod {} no longer runs PID {}", process, was.pod(), was.pid());
    }
  }
}
