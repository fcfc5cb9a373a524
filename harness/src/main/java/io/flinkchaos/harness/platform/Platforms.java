package io.flinkchaos.harness.platform;

import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.platform.k8s.K3sPlatform;
import io.flinkchaos.harness.platform.k8s.KubeconfigPlatform;
import io.flinkchaos.harness.platform.local.LocalPlatform;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one platform of this JVM, chosen by {@code -Dharness.platform} and created on first use. It
 * is stopped at the end of the run, and by a shutdown hook on Ctrl-C or an aborted run.
 */
public final class Platforms {

  private static final Logger LOG = LoggerFactory.getLogger(Platforms.class);
  private static final ClusterHygiene HYGIENE = new ClusterHygiene();

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

  /**
   * The running cluster must not serve another scenario (a fault could not be healed, a job could
   * not be cancelled); the next {@link #replaceUncleanCluster()} stops it.
   */
  public static void markClusterDirty(String reason) {
    HYGIENE.markDirty(reason);
  }

  /**
   * Before a scenario: stops the running cluster if it was marked dirty or still runs a job that
   * has not ended, so that the scenario's cluster step starts a fresh one. Never starts a platform.
   *
   * @return why the cluster was stopped, or empty if it is clean (or none runs)
   */
  public static synchronized Optional<String> replaceUncleanCluster() {
    Optional<FlinkCluster> cluster = current == null ? Optional.empty() : current.runningCluster();
    if (cluster.isEmpty()) {
      HYGIENE.clear();
      return Optional.empty();
    }
    Optional<String> reason = HYGIENE.reasonToReplace(cluster.get()::unfinishedJobs);
    reason.ifPresent(
        why -> {
          LOG.warn("Not reusing the {} cluster for the next scenario: {}", current.name(), why);
          current.discardCluster(why);
        });
    return reason;
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
      HYGIENE.clear();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook is running or has run
      }
    }
  }
}
