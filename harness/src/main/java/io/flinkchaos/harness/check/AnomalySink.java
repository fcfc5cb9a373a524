package io.flinkchaos.harness.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Collects anomalies: every one is counted, the first {@code retained} are kept for the report, so
 * even a thoroughly broken output cannot exhaust the checker's memory.
 */
final class AnomalySink {

  private final int retained;
  private final List<Anomaly> anomalies = new ArrayList<>();
  private final Map<AnomalyCategory, Long> rangesByCategory = new EnumMap<>(AnomalyCategory.class);
  private final Map<AnomalyCategory, Long> recordsByCategory = new EnumMap<>(AnomalyCategory.class);

  AnomalySink(int retained) {
    this.retained = retained;
  }

  void add(Anomaly anomaly) {
    rangesByCategory.merge(anomaly.category(), 1L, Long::sum);
    recordsByCategory.merge(anomaly.category(), anomaly.records(), Long::sum);
    if (anomalies.size() < retained) {
      anomalies.add(anomaly);
    }
  }

  List<Anomaly> retained() {
    return Collections.unmodifiableList(anomalies);
  }

  Map<AnomalyCategory, Long> rangesByCategory() {
    return Collections.unmodifiableMap(rangesByCategory);
  }

  Map<AnomalyCategory, Long> recordsByCategory() {
    return Collections.unmodifiableMap(recordsByCategory);
  }
}
