package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The namespace's FlinkSessionJobs as the operator writes them, through a fabric8 informer (a watch
 * with a local cache): waits read the cache instead of asking the API server, and every status
 * change is kept, in order, as evidence of what the operator did.
 */
final class SessionJobWatch implements AutoCloseable {

  static final int MAX_TRANSITIONS = 500;

  private final String namespace;
  private final SharedIndexInformer<GenericKubernetesResource> informer;
  private final Deque<String> transitions = new ArrayDeque<>();

  SessionJobWatch(KubernetesClient client, String namespace) {
    this.namespace = namespace;
    this.informer =
        FlinkResources.sessionJobs(client)
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(GenericKubernetesResource job) {
                    record(job, SessionJobStatus.of(job));
                  }

                  @Override
                  public void onUpdate(
                      GenericKubernetesResource before, GenericKubernetesResource after) {
                    SessionJobStatus now = SessionJobStatus.of(after);
                    if (!now.equals(SessionJobStatus.of(before))) {
                      record(after, now);
                    }
                  }

                  @Override
                  public void onDelete(GenericKubernetesResource job, boolean unknownFinalState) {
                    record(job, SessionJobStatus.MISSING);
                  }
                },
                0);
  }

  /** The last status the watch delivered for {@code sessionJob}. */
  SessionJobStatus status(String sessionJob) {
    return SessionJobStatus.of(informer.getStore().getByKey(namespace + "/" + sessionJob));
  }

  /** Every status change seen, oldest first, one line each. */
  synchronized List<String> transitions() {
    return List.copyOf(transitions);
  }

  private synchronized void record(GenericKubernetesResource job, SessionJobStatus status) {
    if (transitions.size() == MAX_TRANSITIONS) {
      transitions.removeFirst();
    }
    transitions.addLast(Instant.now() + " " + job.getMetadata().getName() + ": " + status);
  }

  @Override
  public void close() {
    informer.stop();
  }
}
