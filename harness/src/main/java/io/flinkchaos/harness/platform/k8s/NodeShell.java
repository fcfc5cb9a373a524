package io.flinkchaos.harness.platform.k8s;

/**
 * A shell on the Kubernetes node that runs the Flink pods (on k3s in Docker: the k3s container),
 * for what only the node can do, such as stopping PID 1 of a container.
 */
interface NodeShell {

  /**
   * Runs {@code command} on the node and returns its standard output; fails with one line naming
   * the command, its exit code and standard error when it exits non-zero or does not finish in
   * time.
   */
  String exec(String... command);
}
