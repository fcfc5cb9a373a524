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
  /** Drops every record once restored: the committed frontier stalls after a fault. */
  SILENT_AFTER_RESTORE("silent-after-restore", "v1", Map.of("mutation", "silent-after-restore")),
  /**
   * Writes visible part files inside snapshotState and pauses there (--snapshot-pause-ms, 2000):
   * duplicated after a fault while a checkpoint is in progress. Its sink replaces the FileSink.
   */
  EAGER_SINK("eager-sink", "v1", Map.of("mutation", "eager-sink")),
  /**
   * A two-phase sink whose committer drops recovered committables and pauses before committing
   * (--commit-pause-ms, 3000): lost after a fault right after a checkpoint completed.
   */
  FORGETFUL_COMMITTER("forgetful-committer", "v1", Map.of("mutation", "forgetful-committer")),
  /** Restored source keys move back 3 seqs: duplicated (both witnesses). */
  REWINDING_SOURCE("rewinding-source", "v1", Map.of("mutation", "rewinding-source")),
  /** Restored source keys skip 3 seqs: lost (both witnesses). */
  SKIPPING_SOURCE("skipping-source", "v1", Map.of("mutation", "skipping-source")),
  /**
   * The new side of an upgrade that re-emits each key's previous record once after the restore: a
   * duplicate committed late, carrying v2.
   */
  LATE_DUPLICATE("late-duplicate", "v2", Map.of("mutation", "late-duplicate")),
  /**
   * The correct job with checkpoints held IN_PROGRESS for 2 s (a pause in a pass-through operator):
   * the control for a fault gated on a checkpoint in progress, timed like eager-sink.
   */
  SLOW_CHECKPOINTS("slow-checkpoints", "v1", Map.of("snapshot-pause-ms", "2000")),
  /**
   * The correct job whose subtask 0 alone holds each checkpoint 1.5 s: the other subtasks have
   * acknowledged (their sinks pre-committed) while the checkpoint is still IN_PROGRESS.
   */
  SLOW_SUBTASK("slow-subtask", "v1", Map.of("snapshot-pause-ms", "1500", "slow-subtask", "0")),
  /** A correct job whose in-job witness writes nothing once restored: a broken witness. */
  MUTE_WITNESS("mute-witness", "v1", Map.of("mutation", "mute-witness")),
  /** A v2 whose counter has another uid, restored with allowNonRestoredState: counts restart. */
  UID_CHANGE("uid-change", "v2", Map.of("counter-uid", "per-key-count-renamed")),
  /**
   * A correct job in the shape of FLINK-38267: unaligned checkpoints, no chaining, the source
   * feeding a slow keyed counter (5 ms a record, so its channels hold in-flight data) and a forward
   * branch.
   */
  MIXED_EXCHANGES(
      "mixed-exchanges", "v1", Map.of("mixed-exchanges", "true", "keyed-pause-ms", "5")),
  /**
   * A correct job in the shape of FLINK-38483: unaligned checkpoints, no chaining, the counted
   * lines joined with an idle keyed control stream in a two-input operator that takes 5 ms a line.
   */
  IDLE_CONTROL_STREAM(
      "idle-control-stream", "v1", Map.of("idle-control-stream", "true", "control-pause-ms", "5")),
  /**
   * A correct job in the setting of FLINK-25920: a branch of its own that does nothing for 60 s
   * keeps the job running after a bounded sequence (and its sinks) finished.
   */
  KEEP_ALIVE("keep-alive", "v1", Map.of("keep-alive-s", "60"));

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

  /**
   * Mutants that drop operator state on purpose restore with allowNonRestoredState; so do the
   * mutants whose own sink replaces the FileSink, whose state (uid committed-output) has no
   * operator to go to after an upgrade into them.
   */
  boolean allowNonRestoredState() {
    return this == UID_CHANGE || this == EAGER_SINK || this == FORGETFUL_COMMITTER;
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
