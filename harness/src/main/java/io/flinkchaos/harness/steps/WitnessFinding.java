package io.flinkchaos.harness.steps;

import io.flinkchaos.harness.check.AnomalyCategory;
import java.util.Optional;

/**
 * What one witness is expected to report: an anomaly category, no anomalies, or nothing asserted
 * ("-": the defect is out of this witness's sight).
 */
record WitnessFinding(Optional<AnomalyCategory> anomaly, boolean notAsserted) {

  static WitnessFinding of(AnomalyCategory category) {
    return new WitnessFinding(Optional.of(category), false);
  }

  static WitnessFinding none() {
    return new WitnessFinding(Optional.empty(), false);
  }

  static WitnessFinding notChecked() {
    return new WitnessFinding(Optional.empty(), true);
  }
}
