package io.flinkchaos.harness.job;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fixture sequence job and its variants, by the name scenarios use. Mutants violate
 * exactly-once in one known way each, so a scenario can prove the checkers catch them.
 */
public enum JobVariant {
  SEQUENCE("sequence", "v1", Map.of()),
  /**
   * The state-compatible evolution: same uids for existing state, one new stateful operator with
   * its own uid, an added output field, version v2.
   */
  V2("v2", "v2", Map.of("evolution", "v2")),
  AT_LEAST_ONCE("at-least-once", "v1", Map.of("mutation", "at-least-once")),
  FORGETFUL_SOURCE("forgetful-source", "v1", Map.of("mutation", "forgetful-source")),
  LOSSY_SINK("lossy-sink", "v1", Map.of("mutation", "lossy-sink")),
  TRANSIENT_STATE("transient-state", "v1", Map.of("mutation", "transient-state")),
  SILENT_DUPLICATOR("silent-duplicator", "v1", Map.of("mutation", "silent-duplicator")),
  /** A v2 whose counter has another uid, restored with allowNonRestoredState: counts restart. */
  UID_CHANGE("uid-change", "v2", Map.of("counter-uid", "per-key-count-renamed"));

  /** Arguments a variant may set; they are replaced, not merged, when the variant changes. */
  static final java.util.Set<String> VARIANT_ARGS =
      java.util.Set.of("mutation", "version", "counter-uid", "evolution");

  private final String label;
  private final String version;
  private final Map<String, String> args;

  JobVariant(String label, String version, Map<String, String> args) {
    this.label = label;
    this.version = version;
    this.args = args;
  }

  public String label() {
    return label;
  }

  public String version() {
    return version;
  }

  /** The variant's own program arguments, version included. */
  Map<String, String> args() {
    Map<String, String> all = new LinkedHashMap<>(args);
    all.put("version", version);
    return all;
  }

  /** Mutants that drop operator state on purpose restore with allowNonRestoredState. */
  boolean allowNonRestoredState() {
    return this == UID_CHANGE;
  }

  public static JobVariant fromLabel(String text) {
    String normalized = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(v -> v.label.equals(normalized))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown job '"
                        + text
                        + "': use one of "
                        + Arrays.stream(values())
                            .map(JobVariant::label)
                            .collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return label;
  }
}
