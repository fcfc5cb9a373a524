package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Normal Events the operator emits on a FlinkSessionJob when it starts to act on a spec change,
 * before it stops the old job: the only sign of a savepoint upgrade while the savepoint is taken,
 * since the status does not change until stop-with-savepoint returns. Read in
 * apache/flink-kubernetes-operator at release-1.15.0 (the same at release-1.14.0):
 *
 * <ul>
 *   <li>{@code reconciler/deployment/AbstractFlinkResourceReconciler.java} {@code reconcile}: on a
 *       spec change, {@code triggerSpecChangeEvent} emits reason {@code SpecChanged} once per
 *       generation ({@code triggerEventOnce}, message key {@code "SpecChange: <generation>"}),
 *       before {@code reconcileSpecChange};
 *   <li>{@code reconciler/deployment/AbstractJobReconciler.java} {@code reconcileSpecChange}: for a
 *       running job, reason {@code Suspended} ("Suspending existing deployment.") right before
 *       {@code cancelJob}, which for a session job ({@code sessionjob/SessionJobReconciler.java},
 *       {@code service/AbstractFlinkService.java cancelSessionJob}) blocks on stop-with-savepoint
 *       in savepoint mode and starts the cancel otherwise;
 *   <li>{@code utils/EventUtils.java}: an Event is named by a hash of reason, message (key), kind,
 *       name and uid; the same Event again is counted up. So a new Event, or a higher count, since
 *       the mark is this spec change's.
 * </ul>
 */
final class UpgradeStartEvents {

  static final Set<String> REASONS = Set.of("SpecChanged", "Suspended");

  private final KubernetesClient client;
  private final String namespace;
  private final String kind;

  /** The Events on FlinkSessionJobs. */
  UpgradeStartEvents(KubernetesClient client, String namespace) {
    this(client, namespace, OperatorFailures.KIND);
  }

  /**
   * @param kind FlinkSessionJob or FlinkDeployment: both go through {@code
   *     AbstractFlinkResourceReconciler.reconcile} and {@code AbstractJobReconciler}
   */
  UpgradeStartEvents(KubernetesClient client, String namespace, String kind) {
    this.client = client;
    this.namespace = namespace;
    this.kind = kind;
  }

  /** The counts of those Events on {@code sessionJob} before a spec change, by Event name. */
  record Mark(String sessionJob, Map<String, Integer> counts) {}

  Mark mark(String sessionJob) {
    Map<String, Integer> counts = new HashMap<>();
    events(sessionJob).forEach(e -> counts.put(e.getMetadata().getName(), count(e)));
    return new Mark(sessionJob, counts);
  }

  /** "reason: message" of an Event emitted (or counted up) since {@code mark}, if any. */
  Optional<String> since(Mark mark) {
    return events(mark.sessionJob()).stream()
        .filter(e -> count(e) > mark.counts().getOrDefault(e.getMetadata().getName(), 0))
        .map(e -> e.getReason() + ": " + OperatorStatus.oneLine(String.valueOf(e.getMessage())))
        .findFirst();
  }

  private List<Event> events(String sessionJob) {
    try {
      return client.v1().events().inNamespace(namespace).list().getItems().stream()
          .filter(e -> "Normal".equals(e.getType()))
          .filter(e -> REASONS.contains(e.getReason()))
          .filter(e -> e.getInvolvedObject() != null)
          .filter(e -> kind.equals(e.getInvolvedObject().getKind()))
          .filter(e -> sessionJob.equals(e.getInvolvedObject().getName()))
          .toList();
    } catch (RuntimeException e) {
      return List.of(); // no right to list events: the caller falls back to the status
    }
  }

  private static int count(Event event) {
    return event.getCount() == null ? 1 : event.getCount();
  }
}
