package io.flinkchaos.harness.platform.k8s;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/** A {@code -D} setting that takes one of a few lower-case words, each naming an enum constant. */
final class SettingValue {

  private SettingValue() {}

  /** The lower-case name of {@code value}: how settings spell it. */
  static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant of {@code values} whose label is {@code given} (trimmed, any case), else a
   * one-line error: {@code -D<key>=<given> is not <what>: use <choices>}.
   */
  static <E extends Enum<E>> E parse(
      E[] values, String key, String given, String what, Function<E, String> meaning) {
    String v = given.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values)
        .filter(e -> label(e).equals(v))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "-D"
                        + key
                        + "="
                        + given
                        + " is not "
                        + what
                        + ": use "
                        + String.join(
                            " or ",
                            Arrays.stream(values).map(e -> label(e) + meaning.apply(e)).toList())));
  }
}
