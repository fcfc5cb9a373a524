package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The namespace's FlinkSessionJobs or FlinkDeployments as the operator writes them, through a
 * fabric8 informer (a watch with a local cache): waits read the cache instead of asking the API
 * server, and every status change is kept, in order, as evidence of what the operator did.
 */
final class StatusWatch implements AutoCloseable {

  static final int MAX_TRANSITIONS = 500;

  private final String namespace;
  private final SharedIndexInformer<GenericKubernetesResource> informer;
  private final Deque<Transition> transitions = new ArrayDeque<>();
  private long recorded;

  private record Transition(long sequence, Instant at, String resource, OperatorStatus status) {
    @Override
    public String toString() {
      return at + " " + resource + ": " + status;
    }
  }

  /** A watch on the namespace's FlinkSessionJobs. */
  StatusWatch(KubernetesClient client, String namespace) {
    this(FlinkResources.sessionJobs(client), namespace);
  }

  /**
   * @param resources {@link FlinkResources#sessionJobs} or {@link FlinkResources#deployments}
   */
  StatusWatch(
      MixedOperation<
              GenericKubernetesResource,
              GenericKubernetesResourceList,
              Resource<GenericKubernetesResource>>
          resources,
      String namespace) {
    this.namespace = namespace;
    this.informer =
        resources
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(GenericKubernetesResource job) {
                    record(job, OperatorStatus.of(job));
                  }

                  @Override
                  public void onUpdate(
                      GenericKubernetesResource before, GenericKubernetesResource after) {
                    OperatorStatus now = OperatorStatus.of(after);
                    if (!now.equals(OperatorStatus.of(before))) {
                      record(after, now);
                    }
                  }

                  @Override
                  public void onDelete(GenericKubernetesResource job, boolean unknownFinalState) {
                    record(job, OperatorStatus.MISSING);
                  }
                },
                0);
  }

  /** The last status the watch delivered for {@code sessionJob}. */
  OperatorStatus status(String sessionJob) {
    return OperatorStatus.of(informer.getStore().getByKey(namespace + "/" + sessionJob));
  }

  /** Every status change seen, oldest first, one line each. */
  synchronized List<String> transitions() {
    return transitions.stream().map(Transition::toString).toList();
  }

  /** A point in the sequence of status changes, for {@link #errorsSince(String, long)}. */
  synchronized long mark() {
    return recorded;
  }

  /**
   * The distinct {@code status.error} values {@code sessionJob} showed after {@code mark}: the
   * operator clears the error on its next deployment attempt, so only the watch sees them all.
   */
  synchronized List<String> errorsSince(String sessionJob, long mark) {
    Set<String> errors = new LinkedHashSet<>();
    transitions.stream()
        .filter(t -> t.sequence() > mark && t.resource().equals(sessionJob))
        .map(t -> t.status().error())
        .filter(Objects::nonNull)
        .forEach(errors::add);
    return List.copyOf(errors);
  }

  /**
   * Whether {@code resource}'s job was seen not RUNNING (stopped, redeployed, reconciling) after
   * {@code mark}: a RUNNING status read later is a new run, not the one from before the mark.
   */
  synchronized boolean leftRunningSince(String resource, long mark) {
    return transitions.stream()
        .filter(t -> t.sequence() > mark && t.resource().equals(resource))
        .anyMatch(t -> !"RUNNING".equals(t.status().jobState()));
  }

  private synchronized void record(GenericKubernetesResource job, OperatorStatus status) {
    if (transitions.size() == MAX_TRANSITIONS) {
      transitions.removeFirst();
    }
    transitions.addLast(
        new Transition(++recorded, Instant.now(), job.getMetadata().getName(), status));
  }

  @Override
  public void close() {
    informer.stop();
  }
}
