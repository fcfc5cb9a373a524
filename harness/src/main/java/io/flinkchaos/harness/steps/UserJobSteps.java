package io.flinkchaos.harness.steps;

import io.cucumber.java.en.Given;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.UserJobs;
import io.flinkchaos.harness.wait.Bounds;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Steps for any job jar, not only the fixtures. Recovery checks (restored snapshot, running within
 * a bound, job id) work for every job; data checks need the output contract, declared with "its
 * output follows the sequence contract".
 */
public final class UserJobSteps {

  private final ScenarioContext context;

  public UserJobSteps(ScenarioContext context) {
    this.context = context;
  }

  @Given(
      "the job from jar {string} with entry class {string} and arguments {string} runs with"
          + " parallelism {int} and checkpoints every {duration}")
  public void theUserJobRuns(
      String jar, String entryClass, String arguments, int parallelism, Duration interval) {
    JobSpec spec;
    if (UserJobs.inCluster(jar)) {
      URI output =
          context.cluster().storage().newOutputLocation(Path.of(jar).getFileName().toString());
      spec = UserJobs.specInCluster(jar, entryClass, arguments, parallelism, interval, output);
    } else {
      Path jarPath = UserJobs.jar(context.settings().projectDir(), jar);
      URI output = context.cluster().storage().newOutputLocation(jarPath.getFileName().toString());
      spec = UserJobs.spec(jarPath, entryClass, arguments, parallelism, interval, output);
    }
    DeployedJob job = context.cluster().deploy(spec, null);
    context.useJob(job);
    context.jobWaits().fullyRunning(job.jobId(), Bounds.DEPLOY);
    context.log("deployed " + job + " with arguments " + spec.args());
  }

  @Given("its output follows the sequence contract with {int} keys")
  public void itsOutputFollowsTheContract(int keys) {
    context.replaceJobSpec(UserJobs.withSequenceContract(context.job().spec(), keys));
  }
}
