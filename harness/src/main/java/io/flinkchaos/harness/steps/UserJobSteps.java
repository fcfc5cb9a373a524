package io.flinkchaos.harness.steps;

import io.cucumber.java.en.Given;
import io.flinkchaos.harness.config.ConfiguredJob;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.PythonJobs;
import io.flinkchaos.harness.job.UserJobs;
import io.flinkchaos.harness.platform.MissingCapabilityException;
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

  /**
   * A job declared under {@code jobs:} in the team's {@code flink-chaos.yaml} (its jar, entry class
   * and arguments), so feature files name the job rather than a path. An unknown name fails before
   * any cluster starts.
   */
  @Given("the configured job {string} runs with parallelism {int} and checkpoints every {duration}")
  public void theConfiguredJobRuns(String name, int parallelism, Duration interval) {
    ConfiguredJob job = context.settings().job(name);
    theUserJobRuns(job.jar(), job.entryClass(), job.arguments(), parallelism, interval);
  }

  /**
   * A PyFlink job from the team's image: Flink's Python runner jar of the cluster's Flink version
   * ({@code local:///opt/flink/opt/flink-python-<version>.jar}) with {@code -py <script>}. The
   * local platform cannot run it (PyFlink needs the apache-flink Python package in the cluster's
   * image): the scenario is skipped with that reason.
   */
  @Given(
      "the Python job {string} with arguments {string} runs with parallelism {int} and checkpoints"
          + " every {duration}")
  public void thePythonJobRuns(
      String script, String arguments, int parallelism, Duration interval) {
    if (context.settings().platform().equals("local")) {
      throw new MissingCapabilityException(
          "the Python job "
              + script
              + " needs PyFlink (the apache-flink Python package) in the cluster's image, which"
              + " the local platform's Maven-built classpath cannot have: run it on Kubernetes"
              + " with your image (-Dharness.platform=k3s|kubeconfig -Dharness.k8s.mode=application"
              + " and your FlinkDeployment's image), see README 'SQL jobs'");
    }
    String flinkVersion =
        java.util.Optional.ofNullable(context.cluster().spec().flinkVersion())
            .orElse(context.settings().flinkVersion());
    URI output =
        context.cluster().storage().newOutputLocation(Path.of(script).getFileName().toString());
    JobSpec spec = PythonJobs.spec(flinkVersion, script, arguments, parallelism, interval, output);
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
