package io.flinkchaos.harness.platform;

import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.platform.k8s.K3sPlatform;
import io.flinkchaos.harness.platform.k8s.KubeconfigPlatform;
import io.flinkchaos.harness.platform.local.LocalPlatform;

/**
 * The one platform of this JVM, chosen by {@code -Dharness.platform} and created on first use. It
 * is stopped at the end of the run, and by a shutdown hook on Ctrl-C or an aborted run.
 */
public final class Platforms {

  private static Platform current;
  private static Thread shutdownHook;

  private Platforms() {}

  public static synchronized Platform current() {
    if (current == null) {
      HarnessSettings settings = HarnessSettings.fromSystemProperties();
      current = create(settings);
      Platform started = current;
      shutdownHook = new Thread(() -> started.close(true), "flink-chaos-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
    return current;
  }

  static Platform create(HarnessSettings settings) {
    return switch (settings.platform()) {
      case "local" -> LocalPlatform.fromSettings(settings);
      case "k3s" -> K3sPlatform.fromSettings(settings);
      case "kubeconfig" -> KubeconfigPlatform.fromSettings(settings);
      default ->
          throw new IllegalArgumentException(
              "unknown platform -D"
                  + HarnessSettings.PLATFORM
                  + "="
                  + settings.platform()
                  + ": use local, k3s or kubeconfig");
    };
  }

  /** Stops the platform if one was started; keeps its evidence when the run had failures. */
  public static synchronized void closeCurrent(boolean keepEvidence) {
    if (current == null) {
      return;
    }
    try {
      current.close(keepEvidence);
    } finally {
      current = null;
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook is running or has run
      }
    }
  }
}
