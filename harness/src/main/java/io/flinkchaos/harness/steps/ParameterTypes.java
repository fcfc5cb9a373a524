package io.flinkchaos.harness.steps;

import io.cucumber.java.ParameterType;
import java.time.Duration;

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
}
