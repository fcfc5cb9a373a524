package io.flinkchaos.harness.steps;

import io.cucumber.java.ParameterType;
import io.flinkchaos.harness.check.AnomalyCategory;
import io.flinkchaos.harness.check.Verdict;
import io.flinkchaos.harness.job.JobVariant;
import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import java.time.Duration;
import java.util.Locale;

/** Step parameter types shared by all step classes. */
public final class ParameterTypes {

  /** "1 s", "500 ms", "2 min", "1.5 s". */
  @ParameterType("(\\d+(?:\\.\\d+)?)\\s*(ms|s|min)")
  public Duration duration(String amount, String unit) {
    double value = Double.parseDouble(amount);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(Math.round(value));
      case "s" -> Duration.ofMillis(Math.round(value * 1000));
      default -> Duration.ofMillis(Math.round(value * 60_000));
    };
  }

  /** A Flink release: "1.20.3", "2.2.1". */
  @ParameterType("\\d+\\.\\d+\\.\\d+")
  public String flinkVersion(String version) {
    return version;
  }

  /** A fixture job: "sequence", a mutant such as "at-least-once", or a version such as "v2". */
  @ParameterType("[a-z0-9][a-z0-9-]*")
  public JobVariant job(String label) {
    return JobVariant.fromLabel(label);
  }

  /** The operator's upgrade modes: stateless, savepoint, last-state. */
  @ParameterType("stateless|savepoint|last-state")
  public UpgradeMode upgradeMode(String label) {
    return UpgradeMode.fromLabel(label);
  }

  /** What an upgrade restored from: savepoint or checkpoint. */
  @ParameterType("savepoint|checkpoint")
  public SnapshotKind snapshotKind(String name) {
    return SnapshotKind.valueOf(name.toUpperCase(Locale.ROOT));
  }

  @ParameterType("VALID|INVALID|UNKNOWN")
  public Verdict verdict(String name) {
    return Verdict.valueOf(name);
  }

  /** "lost records", "duplicated records", "unexpected records", "state resets", ... */
  @ParameterType(ANOMALY_PHRASES)
  public AnomalyCategory anomaly(String phrase) {
    return anomalyOf(phrase);
  }

  /** One witness: "output checker" or "in-job witness". */
  @ParameterType("output checker|in-job witness")
  public String witness(String name) {
    return name;
  }

  /** What a witness reports: an anomaly phrase, "no anomalies", or "-" (not asserted). */
  @ParameterType(ANOMALY_PHRASES + "|no anomalies|-")
  public WitnessFinding finding(String phrase) {
    return switch (phrase) {
      case "-" -> WitnessFinding.notChecked();
      case "no anomalies" -> WitnessFinding.none();
      default -> WitnessFinding.of(anomalyOf(phrase));
    };
  }

  private static final String ANOMALY_PHRASES =
      "lost records|duplicated records|unexpected records|state resets|version order"
          + " violations|stalled keys";

  private static AnomalyCategory anomalyOf(String phrase) {
    return switch (phrase.toLowerCase(Locale.ROOT)) {
      case "lost records" -> AnomalyCategory.LOST;
      case "duplicated records" -> AnomalyCategory.DUPLICATED;
      case "unexpected records" -> AnomalyCategory.UNEXPECTED;
      case "state resets" -> AnomalyCategory.STATE_RESET;
      case "stalled keys" -> AnomalyCategory.STALLED;
      default -> AnomalyCategory.VERSION_ORDER;
    };
  }
}
