package io.flinkchaos.harness.platform.k8s;

import java.time.Duration;
import java.util.List;

/** Runs a command in a pod's container and returns what it printed; fails on a non-zero exit. */
interface PodExec {

  /**
   * @return stdout and stderr, in that order
   * @throws IllegalStateException on a non-zero exit (with the output's last lines), or when the
   *     command does not end within {@code atMost}
   */
  String run(String pod, String container, List<String> command, Duration atMost);
}
