package io.flinkchaos.harness.steps;

import io.cucumber.java.en.When;
import io.flinkchaos.harness.fault.JobManagerProcessKill;
import io.flinkchaos.harness.fault.OperatorPodKill;
import java.time.Duration;
import java.time.Instant;

/**
 * Faults and changes of the Kubernetes control plane: the operator's pod, a container's main
 * process, the operator's own version. Where the cluster has no control plane the step says so and
 * the scenario is skipped.
 */
public final class ControlPlaneSteps {

  private final ScenarioContext context;

  public ControlPlaneSteps(ScenarioContext context) {
    this.context = context;
  }

  @When("the operator pod is killed")
  public void operatorPodIsKilled() {
    context.inject(new OperatorPodKill());
  }

  @When("the JobManager process is killed in its container")
  public void jobManagerProcessIsKilled() {
    context.inject(new JobManagerProcessKill());
  }

  /** Helm upgrade of the operator (CRDs replaced first) while the job keeps running. */
  @When("the operator is upgraded to {string}")
  public void operatorIsUpgradedTo(String version) {
    var controlPlane = context.cluster().controlPlane().require("the operator is upgraded");
    Instant start = Instant.now();
    controlPlane.upgradeOperator(version);
    context.log(
        "operator upgraded to "
            + version
            + " in "
            + Duration.between(start, Instant.now()).toMillis()
            + " ms");
  }
}
