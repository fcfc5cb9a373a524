package io.flinkchaos.harness.job;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Specs of a user's own job jar, as a scenario describes it: a jar path, an entry class and program
 * arguments on one line, where {@value #OUTPUT_PLACEHOLDER} stands for a fresh output location of
 * the cluster's storage.
 */
public final class UserJobs {

  public static final String OUTPUT_PLACEHOLDER = "{output}";

  private static final String VERSION = "v1";

  private UserJobs() {}

  /** The jar at {@code jar}, relative to {@code projectDir} unless absolute; it must exist. */
  public static Path jar(Path projectDir, String jar) {
    Path path = projectDir.resolve(jar).normalize();
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "job jar "
              + path
              + " does not exist: give a path relative to "
              + projectDir
              + " or an absolute one");
    }
    return path;
  }

  /** The scheme of a jar the cluster already holds, as the operator's {@code jarURI} writes it. */
  public static final String IN_CLUSTER = "local://";

  /** Whether {@code jar} names a jar inside the cluster's containers ({@value #IN_CLUSTER}). */
  public static boolean inCluster(String jar) {
    return jar.startsWith(IN_CLUSTER);
  }

  /**
   * A job from a jar the cluster already holds ({@code local:///opt/flink/usrlib/x.jar}: in the
   * image or a mounted volume), never uploaded; otherwise as {@link #spec}.
   */
  public static JobSpec specInCluster(
      String jarUri,
      String entryClass,
      String arguments,
      int parallelism,
      Duration checkpointInterval,
      URI output) {
    String path = jarUri.substring(IN_CLUSTER.length());
    if (!path.startsWith("/") || !path.endsWith(".jar")) {
      throw new IllegalArgumentException(
          "jar "
              + jarUri
              + " is not local:///<absolute path>.jar: name the jar's path inside the JobManager's"
              + " container");
    }
    JobSpec named =
        spec(Path.of(path), entryClass, arguments, parallelism, checkpointInterval, output);
    return new JobSpec(
        named.name(),
        named.version(),
        named.jar(),
        named.entryClass(),
        named.args(),
        named.parallelism(),
        named.flinkConfiguration(),
        named.allowNonRestoredState(),
        named.outputContract().orElse(null),
        path);
  }

  /**
   * The job named after its jar. With {@value #OUTPUT_PLACEHOLDER} in its arguments its output is
   * known ({@code output}), though not yet its keys: see {@link #withSequenceContract}.
   */
  public static JobSpec spec(
      Path jar,
      String entryClass,
      String arguments,
      int parallelism,
      Duration checkpointInterval,
      URI output) {
    return new JobSpec(
        jar.getFileName().toString(),
        VERSION,
        jar,
        entryClass,
        arguments(arguments, output),
        parallelism,
        JobSpec.checkpointing(checkpointInterval),
        false,
        arguments.contains(OUTPUT_PLACEHOLDER) ? new OutputContract(output, 0, 0, null) : null);
  }

  /**
   * The arguments split on white space, {@value #OUTPUT_PLACEHOLDER} replaced by {@code output}.
   */
  static List<String> arguments(String arguments, URI output) {
    List<String> args = new ArrayList<>();
    for (String arg : arguments.trim().split("\\s+")) {
      if (!arg.isEmpty()) {
        args.add(arg.replace(OUTPUT_PLACEHOLDER, output.toString()));
      }
    }
    return args;
  }

  /** The same job, its output declared to follow the sequence contract for keys 0..keys-1. */
  public static JobSpec withSequenceContract(JobSpec spec, int keys) {
    OutputContract declared =
        spec.outputContract()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the job's arguments have no "
                            + OUTPUT_PLACEHOLDER
                            + " placeholder, so the harness does not know where its output is:"
                            + " pass the output location as "
                            + OUTPUT_PLACEHOLDER));
    return spec.withOutputContract(new OutputContract(declared.location(), keys, 0, null));
  }
}
