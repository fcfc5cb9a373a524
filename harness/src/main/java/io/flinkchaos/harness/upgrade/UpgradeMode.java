package io.flinkchaos.harness.upgrade;

import java.util.Locale;

/** How a running job is replaced, with the Flink Kubernetes Operator's semantics. */
public enum UpgradeMode {
  /** Cancel and start fresh: new job id, no state. Resets every stateful operator. */
  STATELESS("stateless"),
  /** Stop with a savepoint (no drain) and start the new version from it. */
  SAVEPOINT("savepoint"),
  /** Cancel and start the new version from the latest completed checkpoint. */
  LAST_STATE("last-state");

  private final String label;

  UpgradeMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The operator's spelling: {@code stateless}, {@code savepoint}, {@code last-state}. */
  public static UpgradeMode fromLabel(String text) {
    String normalized = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (UpgradeMode mode : values()) {
      if (mode.label.equals(normalized)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown upgrade mode '" + text + "': use stateless, savepoint or last-state");
  }

  @Override
  public String toString() {
    return label;
  }
}
