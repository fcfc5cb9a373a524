package io.flinkchaos.harness.platform;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Something a cluster can do beyond its front door, or why it cannot: steps ask for it by need
 * ("the operator pod is killed") and get either the capability or a one-line reason that skips the
 * scenario. No step learns which platform it runs on.
 */
public final class Capability<T> {

  private final T value;
  private final String missingBecause;

  private Capability(T value, String missingBecause) {
    this.value = value;
    this.missingBecause = missingBecause;
  }

  public static <T> Capability<T> of(T value) {
    return new Capability<>(Objects.requireNonNull(value), null);
  }

  /**
   * @param because what is missing and how to get it: "needs a Kubernetes platform: run with …"
   */
  public static <T> Capability<T> missing(String because) {
    return new Capability<>(null, Objects.requireNonNull(because));
  }

  /** The capability; else a {@link MissingCapabilityException} naming {@code action}. */
  public T require(String action) {
    if (value == null) {
      throw new MissingCapabilityException("'" + action + "' " + missingBecause);
    }
    return value;
  }

  public Optional<T> get() {
    return Optional.ofNullable(value);
  }

  /** Why it is missing; empty when present. */
  public Optional<String> missingBecause() {
    return Optional.ofNullable(missingBecause);
  }

  /** A part of this capability, missing for the same reason when this is missing. */
  public <U> Capability<U> map(Function<T, Capability<U>> part) {
    return value == null ? missing(missingBecause) : part.apply(value);
  }

  @Override
  public String toString() {
    return value == null ? "missing: " + missingBecause : "present: " + value;
  }
}
