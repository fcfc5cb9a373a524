package io.flinkchaos.harness.flink;

import java.util.List;
import java.util.Map;

/** What {@code POST /jars/:id/run} takes: entry class, args, parallelism, restore and config. */
public record JobSubmission(
    String entryClass,
    List<String> args,
    int parallelism,
    String savepointPath,
    boolean allowNonRestoredState,
    Map<String, String> flinkConfiguration) {

  public JobSubmission {
    args = List.copyOf(args);
    flinkConfiguration = Map.copyOf(flinkConfiguration);
  }
}
