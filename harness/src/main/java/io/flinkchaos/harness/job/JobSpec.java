package io.flinkchaos.harness.job;

import io.flinkchaos.harness.flink.JobSubmission;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job to deploy: the jar and how to run it, as a FlinkSessionJob's {@code spec.job} says it.
 * {@code output} is present when the job's committed output follows the checker's line contract.
 *
 * @param jarInCluster a jar the cluster already holds (its image or a mounted volume: the EFS
 *     pattern), as the path inside the JobManager's container; null when the harness delivers
 *     {@code jar}
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
    OutputContract output,
    String jarInCluster) {

  /** A job whose jar the harness delivers. */
  public JobSpec(
      String name,
      String version,
      Path jar,
      String entryClass,
      List<String> args,
      int parallelism,
      Map<String, String> flinkConfiguration,
      boolean allowNonRestoredState,
      OutputContract output) {
    this(
        name,
        version,
        jar,
        entryClass,
        args,
        parallelism,
        flinkConfiguration,
        allowNonRestoredState,
        output,
        null);
  }

  /** The path of the jar inside the JobManager's container, for a jar the cluster holds. */
  public Optional<String> clusterJar() {
    return Optional.ofNullable(jarInCluster);
  }

  /** The Flink option that sets the checkpoint interval. */
  public static final String CHECKPOINT_INTERVAL = "execution.checkpointing.interval";

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
    return copy(args, newParallelism, flinkConfiguration, output);
  }

  public JobSpec withFlinkConfiguration(String key, String value) {
    Map<String, String> config = new LinkedHashMap<>(flinkConfiguration);
    config.put(key, value);
    return copy(args, parallelism, config, output);
  }

  /** A Flink configuration that checkpoints every {@code interval}, as the harness writes it. */
  public static Map<String, String> checkpointing(Duration interval) {
    return Map.of(CHECKPOINT_INTERVAL, interval.toMillis() + " ms");
  }

  public JobSpec withCheckpointInterval(Duration interval) {
    return withFlinkConfiguration(CHECKPOINT_INTERVAL, interval.toMillis() + " ms");
  }

  /** The value of program argument {@code --name}, if the spec passes one. */
  public Optional<String> argument(String argName) {
    int index = args.indexOf("--" + argName);
    return index >= 0 && index + 1 < args.size()
        ? Optional.of(args.get(index + 1))
        : Optional.empty();
  }

  /**
   * The checkpoint interval the spec configures ({@code execution.checkpointing.interval}, as the
   * harness writes it: "N ms"); empty if absent or in another form.
   */
  public Optional<Duration> checkpointInterval() {
    String text = flinkConfiguration.getOrDefault(CHECKPOINT_INTERVAL, "").trim();
    if (!text.matches("\\d+\\s*ms")) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(Long.parseLong(text.replace("ms", "").trim())));
  }

  /** The same spec with program argument {@code --name value} set (replaced if present). */
  public JobSpec withArg(String argName, String value) {
    List<String> next = new java.util.ArrayList<>(args);
    int index = next.indexOf("--" + argName);
    if (index >= 0 && index + 1 < next.size()) {
      next.set(index + 1, value);
    } else {
      next.add("--" + argName);
      next.add(value);
    }
    return copy(next, parallelism, flinkConfiguration, output);
  }

  /**
   * The same job from another jar that the harness delivers: the same job built for another Flink
   * version (a job jar is built against one).
   */
  public JobSpec withJar(Path newJar) {
    return new JobSpec(
        name,
        version,
        newJar,
        entryClass,
        args,
        parallelism,
        flinkConfiguration,
        allowNonRestoredState,
        output,
        null);
  }

  /** The same spec with another output contract. */
  public JobSpec withOutputContract(OutputContract contract) {
    return copy(args, parallelism, flinkConfiguration, contract);
  }

  /** The same job (name, version, jar, entry class, state policy) run differently. */
  private JobSpec copy(
      List<String> newArgs,
      int newParallelism,
      Map<String, String> newConfiguration,
      OutputContract newOutput) {
    return new JobSpec(
        name,
        version,
        jar,
        entryClass,
        newArgs,
        newParallelism,
        newConfiguration,
        allowNonRestoredState,
        newOutput,
        jarInCluster);
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
