package io.flinkchaos.harness.steps;

import io.cucumber.java.en.Given;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.OutputContract;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Steps for any job jar, not only the fixtures. Recovery checks (restored snapshot, running within
 * a bound, job id) work for every job; data checks need the output contract, declared with "its
 * output follows the sequence contract".
 */
public final class UserJobSteps {

  /** In the arguments, replaced by a fresh output location of the cluster's storage. */
  static final String OUTPUT_PLACEHOLDER = "{output}";

  private final ScenarioContext context;

  public UserJobSteps(ScenarioContext context) {
    this.context = context;
  }

  @Given(
      "the job from jar {string} with entry class {string} and arguments {string} runs with"
          + " parallelism {int} and checkpoints every {duration}")
  public void theUserJobRuns(
      String jar, String entryClass, String arguments, int parallelism, Duration interval) {
    Path jarPath = context.settings().projectDir().resolve(jar).normalize();
    if (!Files.isRegularFile(jarPath)) {
      throw new IllegalArgumentException(
          "job jar "
              + jarPath
              + " does not exist: give a path relative to "
              + context.settings().projectDir()
              + " or an absolute one");
    }
    URI output = context.cluster().storage().newOutputLocation(jarPath.getFileName().toString());
    List<String> args = new ArrayList<>();
    for (String arg : Arrays.asList(arguments.trim().split("\\s+"))) {
      if (!arg.isEmpty()) {
        args.add(arg.replace(OUTPUT_PLACEHOLDER, output.toString()));
      }
    }
    JobSpec spec =
        new JobSpec(
            jarPath.getFileName().toString(),
            "v1",
            jarPath,
            entryClass,
            args,
            parallelism,
            Map.of("execution.checkpointing.interval", interval.toMillis() + " ms"),
            false,
            arguments.contains(OUTPUT_PLACEHOLDER) ? new OutputContract(output, 0, 0, null) : null);
    DeployedJob job = context.cluster().deploy(spec, null);
    context.useJob(job);
    context.jobWaits().fullyRunning(job.jobId(), JobSteps.DEPLOY_TIMEOUT);
    context.log("deployed " + job + " with arguments " + args);
  }

  @Given("its output follows the sequence contract with {int} keys")
  public void itsOutputFollowsTheContract(int keys) {
    DeployedJob job = context.job();
    OutputContract declared =
        job.spec()
            .outputContract()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the job's arguments have no "
                            + OUTPUT_PLACEHOLDER
                            + " placeholder, so the harness does not know where its output is:"
                            + " pass the output location as "
                            + OUTPUT_PLACEHOLDER));
    JobSpec spec = job.spec();
    JobSpec withContract =
        new JobSpec(
            spec.name(),
            spec.version(),
            spec.jar(),
            spec.entryClass(),
            spec.args(),
            spec.parallelism(),
            spec.flinkConfiguration(),
            spec.allowNonRestoredState(),
            new OutputContract(declared.location(), keys, 0, null));
    context.replaceJobSpec(withContract);
  }
}
