package io.flinkchaos.harness.check;

/** The outcome of a check. Composed verdicts keep the worst: INVALID over UNKNOWN over VALID. */
public enum Verdict {
  VALID,
  UNKNOWN,
  INVALID;

  public Verdict and(Verdict other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
