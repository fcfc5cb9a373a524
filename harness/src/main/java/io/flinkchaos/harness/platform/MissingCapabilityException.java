package io.flinkchaos.harness.platform;

import org.opentest4j.TestAbortedException;

/**
 * A step needs what this platform's cluster cannot do (an operator on the local platform, node
 * access on a kubeconfig cluster). Cucumber reports the scenario as skipped with this message.
 */
public final class MissingCapabilityException extends TestAbortedException {

  public MissingCapabilityException(String message) {
    super(message);
  }
}
