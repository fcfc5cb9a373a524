package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.JobVariant;
import io.flinkchaos.harness.job.SequenceJobs;
import io.flinkchaos.harness.platform.FlinkVersionUpgrades;
import io.flinkchaos.harness.platform.MissingCapabilityException;
import io.flinkchaos.harness.upgrade.FlinkVersionUpgradeOutcome;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.wait.Bounds;
import java.time.Duration;

/**
 * Upgrades that also change the Flink version of the job's cluster (a FlinkDeployment's {@code
 * image} and {@code flinkVersion}), and the checks of what the operator did for them.
 */
public final class FlinkVersionSteps {

  private final ScenarioContext context;
  private FlinkVersionUpgradeOutcome last;
  private String lastTarget;

  public FlinkVersionSteps(ScenarioContext context) {
    this.context = context;
  }

  @When("the job is upgraded to {job} on Flink {string} with upgrade mode {upgradeMode}")
  public void upgradedOnFlink(JobVariant variant, String version, UpgradeMode mode) {
    upgrade(variant, version, mode);
  }

  /**
   * The version comes from {@code -Dharness.flink.upgrade-to} (the nightly sets it on the legs that
   * have a newer Flink their operator supports); without it the scenario is skipped with that
   * reason.
   */
  @When("the job is upgraded to {job} on the next Flink version with upgrade mode {upgradeMode}")
  public void upgradedOnTheNextFlinkVersion(JobVariant variant, UpgradeMode mode) {
    String action = "the job is upgraded on the next Flink version";
    capability(action);
    String version =
        context
            .settings()
            .flinkUpgradeTarget()
            .orElseThrow(
                () ->
                    new MissingCapabilityException(
                        "'"
                            + action
                            + "' needs -D"
                            + HarnessSettings.FLINK_UPGRADE_TO
                            + "=<a newer Flink version the operator supports>"));
    upgrade(variant, version, mode);
  }

  private FlinkVersionUpgrades capability(String action) {
    return context.cluster().flinkVersionUpgrades().require(action);
  }

  private void upgrade(JobVariant variant, String version, UpgradeMode mode) {
    FlinkVersionUpgrades upgrades = capability("the job is upgraded on Flink " + version);
    JobSpec next =
        SequenceJobs.as(variant, context.job().spec())
            .withJar(context.settings().fixturesJarFor(version));
    FlinkVersionUpgradeOutcome outcome = upgrades.upgrade(context.job(), next, version, mode);
    last = outcome;
    lastTarget = version;
    context.upgraded(outcome.upgrade());
    context.jobWaits().fullyRunning(outcome.upgrade().job().jobId(), Bounds.DEPLOY);
    context.log(
        "Flink version upgrade done in "
            + Duration.between(outcome.upgrade().startedAt(), outcome.upgrade().finishedAt())
                .toMillis()
            + " ms: "
            + outcome.report());
  }

  @Then("the operator took a savepoint instead of last-state because the Flink version changed")
  public void savepointInsteadOfLastState() {
    FlinkVersionUpgradeOutcome outcome = last();
    outcome
        .notASavepointForTheVersionChange()
        .ifPresent(
            why -> {
              throw new AssertionError(why);
            });
    context.log(outcome.report());
  }

  /** From Flink itself: the JobManager's REST overview names its version. */
  @Then("the JobManager reports the Flink version the job was upgraded to")
  public void jobManagerReportsTheVersion() {
    last();
    String reported = context.cluster().rest().overview().getVersion();
    assertThat(reported).as("Flink version the JobManager reports").isEqualTo(lastTarget);
    context.log("the JobManager reports Flink " + reported);
  }

  private FlinkVersionUpgradeOutcome last() {
    if (last == null) {
      throw new IllegalStateException(
          "no Flink version upgrade in this scenario: add a When step such as 'When the job is"
              + " upgraded to v2 on the next Flink version with upgrade mode last-state'");
    }
    return last;
  }
}
