package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The failed attempts the operator reported on one FlinkSessionJob (or FlinkDeployment) while the
 * harness waited for an upgrade or a suspension. The operator retries a failed reconciliation (a
 * stop-with-savepoint that failed, a cancel that timed out) and reports each failure in two places,
 * both read here:
 *
 * <ul>
 *   <li>a Warning Event on the FlinkSessionJob, counted up when the same failure repeats: reason
 *       {@code Error} and message {@code ExceptionUtils.getExceptionMessage(e)}, e.g. {@code
 *       "Savepoint Error -> …"}, since 1.12 ({@code FlinkSessionJobController.triggerErrorEvent});
 *       reason {@code SessionJobException} with {@code e.getMessage()} in 1.10 and 1.11;
 *   <li>{@code status.error}, a JSON {@code FlinkResourceException} ({@code type}, {@code message},
 *       …) written by {@code ReconciliationUtils.toErrorStatusUpdateControl} and cleared on the
 *       next deployment attempt ({@code updateStatusForSpecReconciliation}).
 * </ul>
 *
 * Events are preferred (they count the attempts); the status errors the watch saw are the fallback
 * when no event was readable.
 */
final class OperatorFailures {

  static final String KIND = "FlinkSessionJob";

  private final KubernetesClient client;
  private final String namespace;
  private final String kind;

  /** Failures reported on FlinkSessionJobs. */
  OperatorFailures(KubernetesClient client, String namespace) {
    this(client, namespace, KIND);
  }

  /**
   * @param kind FlinkSessionJob or FlinkDeployment: the controllers of both report failures alike
   *     ({@code FlinkDeploymentController.triggerErrorEvent} too)
   */
  OperatorFailures(KubernetesClient client, String namespace, String kind) {
    this.client = client;
    this.namespace = namespace;
    this.kind = kind;
  }

  /** What had been reported on {@code sessionJob} before an attempt. */
  record Mark(String sessionJob, Map<String, Integer> warningCounts, long statusChanges) {}

  /** Notes the Warning events' counts and the watch's position before an attempt. */
  Mark mark(String sessionJob, StatusWatch watch) {
    Map<String, Integer> counts = new HashMap<>();
    warnings(sessionJob).forEach(e -> counts.put(e.getMetadata().getName(), count(e)));
    return new Mark(sessionJob, counts, watch.mark());
  }

  /**
   * One line per failure reported since {@code mark}: "reason: message (n times)"; else the status
   * errors the watch saw meanwhile.
   */
  List<String> since(Mark mark, StatusWatch watch) {
    List<String> failures = new ArrayList<>();
    for (Event event : warnings(mark.sessionJob())) {
      int times =
          count(event) - mark.warningCounts().getOrDefault(event.getMetadata().getName(), 0);
      if (times > 0) {
        failures.add(
            event.getReason()
                + ": "
                + OperatorStatus.oneLine(String.valueOf(event.getMessage()))
                + (times > 1 ? " (" + times + " times)" : ""));
      }
    }
    if (failures.isEmpty()) {
      watch
          .errorsSince(mark.sessionJob(), mark.statusChanges())
          .forEach(error -> failures.add("status.error: " + message(error)));
    }
    return failures;
  }

  private List<Event> warnings(String sessionJob) {
    try {
      return client.v1().events().inNamespace(namespace).list().getItems().stream()
          .filter(e -> "Warning".equals(e.getType()))
          .filter(e -> e.getInvolvedObject() != null)
          .filter(e -> kind.equals(e.getInvolvedObject().getKind()))
          .filter(e -> sessionJob.equals(e.getInvolvedObject().getName()))
          .sorted(java.util.Comparator.comparing((Event e) -> String.valueOf(e.getLastTimestamp())))
          .toList();
    } catch (RuntimeException e) {
      return List.of(); // no right to list events: the status errors stand in
    }
  }

  private static int count(Event event) {
    return event.getCount() == null ? 1 : event.getCount();
  }

  /** The {@code message} of a FlinkResourceException JSON, else the text itself, on one line. */
  static String message(String statusError) {
    try {
      Object message = Serialization.unmarshal(statusError, Map.class).get("message");
      if (message != null) {
        return OperatorStatus.oneLine(message.toString());
      }
    } catch (RuntimeException notJson) {
      // older operators and fallbacks write e.toString()
    }
    return OperatorStatus.oneLine(statusError);
  }
}
