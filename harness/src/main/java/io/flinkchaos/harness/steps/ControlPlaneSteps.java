package io.flinkchaos.harness.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.fault.InjectedFault;
import io.flinkchaos.harness.fault.JobManagerProcessKill;
import io.flinkchaos.harness.fault.OperatorPodKill;
import io.flinkchaos.harness.fault.OperatorUpgrade;
import io.flinkchaos.harness.platform.MissingCapabilityException;
import io.flinkchaos.harness.platform.k8s.OperatorUnderTest;
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

  /**
   * A scenario about one operator release's bug runs only where the run installs that release in
   * application mode (a nightly k3s leg); elsewhere it is skipped with what it needs.
   */
  @Given("the operator under test is {string} in application mode")
  public void operatorUnderTest(String version) {
    OperatorUnderTest.of(context.settings())
        .whyNotApplicationModeOf(version)
        .ifPresent(
            why -> {
              throw new MissingCapabilityException(why);
            });
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
    upgradeOperator(version);
  }

  /**
   * The version comes from {@code -Dharness.operator.upgrade-to} (the nightly sets it on the legs
   * that have a newer version); without it the scenario is skipped with that reason.
   */
  @When("the operator is upgraded to the next version")
  public void operatorIsUpgradedToTheNextVersion() {
    String target =
        context
            .settings()
            .operatorUpgradeTarget()
            .orElseThrow(
                () ->
                    new MissingCapabilityException(
                        "'the operator is upgraded to the next version' needs -D"
                            + HarnessSettings.OPERATOR_UPGRADE_TO
                            + "=<a newer operator version>"));
    upgradeOperator(target);
  }

  private void upgradeOperator(String version) {
    Instant start = Instant.now();
    InjectedFault upgrade = context.inject(new OperatorUpgrade(version));
    context.log(
        upgrade.fault()
            + " in "
            + Duration.between(start, Instant.now()).toMillis()
            + " ms; the version it replaced is put back after the scenario");
  }
}
