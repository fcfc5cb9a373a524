package io.flinkchaos.harness.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands what the harness recorded of a scenario (in its after-hook) to {@link RunSummaryReporter},
 * a Cucumber plugin that learns the scenario's final status only after the hooks ran, and which
 * alone writes under reports/ (a run without it, such as the witness stand-in proof, leaves the
 * run's files alone). Both run in the same JVM; a record is taken once, by the scenario's id.
 */
public final class ScenarioRecords {

  /**
   * A scenario's record with its timeline picture (null if none could be drawn) and the evidence
   * collected for a failed scenario (empty otherwise).
   */
  public record Recorded(ScenarioRecord record, byte[] timelinePng, List<Evidence.Item> evidence) {

    public Recorded {
      evidence = List.copyOf(evidence);
    }
  }

  private static final Map<String, Recorded> PENDING = new ConcurrentHashMap<>();

  private ScenarioRecords() {}

  public static void publish(Recorded recorded) {
    PENDING.put(recorded.record().id(), recorded);
  }

  public static Optional<Recorded> take(String scenarioId) {
    return Optional.ofNullable(PENDING.remove(scenarioId));
  }
}
