package io.flinkchaos.harness.check;

/** What went wrong with a key's committed records, in Jepsen's vocabulary. */
public enum AnomalyCategory {
  /** A hole in a key's sequence, or records missing below the expected end of a bounded run. */
  LOST("lost"),
  /** A (key, seq) committed more than once. */
  DUPLICATED("duplicated"),
  /** A record that was never emitted: unknown key, seq out of range, or an unreadable line. */
  UNEXPECTED("unexpected"),
  /** The keyed counter does not follow the sequence (count != seq + 1): state was lost. */
  STATE_RESET("state reset"),
  /** Records of an older job version after records of a newer one for the same key. */
  VERSION_ORDER("version order"),
  /** A key whose committed output did not move past its frontier at a fault: no progress. */
  STALLED("stalled");

  private final String label;

  AnomalyCategory(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Accepts the label as written in a scenario ("state reset") or the enum name. */
  public static AnomalyCategory fromLabel(String text) {
    String normalized = text.trim().toLowerCase().replace('_', ' ').replace('-', ' ');
    for (AnomalyCategory category : values()) {
      if (category.label.equals(normalized)
          || normalized.equals(category.label + "s")
          || normalized.equals(category.label.replace(" ", "") + "s")) {
        return category;
      }
    }
    if (normalized.equals("state resets") || normalized.equals("reset")) {
      return STATE_RESET;
    }
    if (normalized.equals("stalled keys") || normalized.equals("stalled key")) {
      return STALLED;
    }
    throw new IllegalArgumentException(
        "unknown anomaly category '"
            + text
            + "': use lost, duplicated, unexpected, state reset, version order or stalled");
  }
}
