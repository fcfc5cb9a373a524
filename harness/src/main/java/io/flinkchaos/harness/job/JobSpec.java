package io.flinkchaos.harness.job;

import io.flinkchaos.harness.flink.JobSubmission;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job to deploy: the jar and how to run it, as a FlinkSessionJob's {@code spec.job} says it.
 * {@code output} is present when the job's committed output follows the checker's line contract.
 */
public record JobSpec(
    String name,
    String version,
    Path jar,
    String entryClass,
    List<String> args,
    int parallelism,
    Map<String, String> flinkConfiguration,
    boolean allowNonRestoredState,
    OutputContract output) {

  public JobSpec {
    args = List.copyOf(args);
    flinkConfiguration = Map.copyOf(flinkConfiguration);
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
  }

  public Optional<OutputContract> outputContract() {
    return Optional.ofNullable(output);
  }

  public JobSpec withParallelism(int newParallelism) {
    return new JobSpec(
        name,
        version,
        jar,
        entryClass,
        args,
        newParallelism,
        flinkConfiguration,
        allowNonRestoredState,
        output);
  }

  public JobSpec withFlinkConfiguration(String key, String value) {
    Map<String, String> config = new LinkedHashMap<>(flinkConfiguration);
    config.put(key, value);
    return new JobSpec(
        name, version, jar, entryClass, args, parallelism, config, allowNonRestoredState, output);
  }

  /** The REST submission of this spec, optionally restoring from a snapshot. */
  public JobSubmission submission(String restorePath) {
    return new JobSubmission(
        entryClass, args, parallelism, restorePath, allowNonRestoredState, flinkConfiguration);
  }

  @Override
  public String toString() {
    return name + " " + version + " (parallelism " + parallelism + ")";
  }
}
