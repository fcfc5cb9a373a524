package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.client.LocalPortForward;
import io.flinkchaos.harness.flink.FlinkRest;
import io.flinkchaos.harness.flink.FlinkRestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink's REST API of a session cluster through a fabric8 port-forward to its {@code <name>-rest}
 * service, renewed when the JobManager pod changes.
 */
final class KubernetesRest implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesRest.class);

  static final int REST_PORT = 8081;

  private final ClusterPods pods;
  private LocalPortForward forward;
  private String forwardPod;
  private FlinkRestClient rest;

  KubernetesRest(ClusterPods pods) {
    this.pods = pods;
  }

  /** The REST client of the current JobManager. */
  synchronized FlinkRest rest() {
    String jobManager = pods.jobManager().getMetadata().getName();
    // A service port-forward binds to the pod chosen when it is opened: renew it when the
    // JobManager pod was replaced (a kill, an HA failover) or the forward broke.
    if (forward == null
        || !jobManager.equals(forwardPod)
        || !forward.isAlive()
        || forward.errorOccurred()) {
      close();
      String service = pods.restService();
      forward =
          pods.client()
              .services()
              .inNamespace(pods.namespace())
              .withName(service)
              .portForward(REST_PORT);
      forwardPod = jobManager;
      rest = new FlinkRestClient("127.0.0.1", forward.getLocalPort());
      LOG.info(
          "Flink REST of {} via port-forward 127.0.0.1:{} -> {}:{} ({})",
          pods.deployment(),
          forward.getLocalPort(),
          service,
          REST_PORT,
          jobManager);
    }
    return rest;
  }

  @Override
  public synchronized void close() {
    if (rest != null) {
      rest.close();
      rest = null;
    }
    if (forward != null) {
      try {
        forward.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the port-forward to " + pods.restService(), e);
      }
      forward = null;
      forwardPod = null;
    }
  }
}
