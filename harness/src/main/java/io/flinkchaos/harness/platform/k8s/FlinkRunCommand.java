package io.flinkchaos.harness.platform.k8s;

import io.flinkchaos.harness.job.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;

/**
 * {@code flink run} in the JobManager's container, for a jar the cluster already holds (its image
 * or a mounted volume: the EFS pattern), as a team's pipeline submits it where Flink's REST API
 * could only run uploaded jars. The options were read in flink-clients 1.20.3: {@code --detached},
 * {@code --fromSavepoint}, {@code --allowNonRestoredState}, {@code --class}, {@code --parallelism}
 * ({@code CliFrontendParser}), {@code --jobmanager} and {@code -D<key>=<value>} ({@code
 * DefaultCLI}); a detached run prints "Job has been submitted with JobID <id>" ({@code
 * ContextEnvironment}).
 */
final class FlinkRunCommand {

  static final String FLINK = "/opt/flink/bin/flink";

  /** What the CLI prints once the job is submitted ({@code ContextEnvironment}). */
  private static final Pattern SUBMITTED =
      Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");

  private FlinkRunCommand() {}

  /** The command that runs {@code job}'s cluster jar, restored from {@code restorePath}. */
  static List<String> of(JobSpec job, String restorePath) {
    String jar =
        job.clusterJar()
            .orElseThrow(() -> new IllegalArgumentException(job + " names no jar in the cluster"));
    List<String> command = new ArrayList<>();
    command.add(FLINK);
    command.add("run");
    command.add("--detached");
    command.add("--jobmanager");
    command.add("localhost:" + KubernetesRest.REST_PORT);
    if (restorePath != null) {
      command.add("--fromSavepoint");
      command.add(restorePath);
      if (job.allowNonRestoredState()) {
        command.add("--allowNonRestoredState");
      }
    }
    command.add("--class");
    command.add(job.entryClass());
    command.add("--parallelism");
    command.add(Integer.toString(job.parallelism()));
    job.flinkConfiguration().forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add(jar);
    command.addAll(job.args());
    return command;
  }

  /** The job id the CLI reported, or a one-line error with the end of what it printed. */
  static JobID jobId(String output, String what) {
    Matcher m = SUBMITTED.matcher(output);
    Optional<String> id = m.find() ? Optional.of(m.group(1)) : Optional.empty();
    return JobID.fromHexString(
        id.orElseThrow(
            () ->
                new IllegalStateException(
                    what
                        + " printed no 'Job has been submitted with JobID': "
                        + KubernetesPodExec.tail(output))));
  }
}
