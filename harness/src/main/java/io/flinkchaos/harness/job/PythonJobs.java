package io.flinkchaos.harness.job;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * PyFlink jobs, run the way Flink runs them: Flink's Python runner jar ({@code
 * /opt/flink/opt/flink-python-<version>.jar} in the official image) with the entry class {@value
 * #DRIVER} and {@code -py <script>} before the job's own arguments, as the operator's
 * examples/flink-python-example writes its FlinkDeployment. The script and the {@code apache-flink}
 * Python package live in the team's image, so the jar is one the cluster holds ({@code local://}):
 * only a cluster that runs such jars (the operator's application mode, standalone Flink on
 * Kubernetes) can run the job.
 */
public final class PythonJobs {

  public static final String DRIVER = "org.apache.flink.client.python.PythonDriver";

  private PythonJobs() {}

  /** The Python runner jar of the official image of {@code flinkVersion}. */
  public static String runnerJar(String flinkVersion) {
    return "/opt/flink/opt/flink-python-" + flinkVersion + ".jar";
  }

  /**
   * The job of {@code script} (its absolute path in the image), {@code arguments} after it ({@value
   * UserJobs#OUTPUT_PLACEHOLDER} replaced by {@code output}).
   */
  public static JobSpec spec(
      String flinkVersion,
      String script,
      String arguments,
      int parallelism,
      Duration checkpointInterval,
      URI output) {
    if (!script.startsWith("/") || !script.endsWith(".py")) {
      throw new IllegalArgumentException(
          "Python job "
              + script
              + " is not an absolute path to a .py file: name the script's path in your image,"
              + " e.g. /opt/flink/usrlib/job.py");
    }
    List<String> args = new ArrayList<>(List.of("-py", script));
    args.addAll(UserJobs.arguments(arguments, output));
    String jar = runnerJar(flinkVersion);
    return new JobSpec(
        Path.of(script).getFileName().toString(),
        "v1",
        Path.of(jar),
        DRIVER,
        args,
        parallelism,
        JobSpec.checkpointing(checkpointInterval),
        false,
        arguments.contains(UserJobs.OUTPUT_PLACEHOLDER)
            ? new OutputContract(output, 0, 0, null)
            : null,
        jar);
  }
}
