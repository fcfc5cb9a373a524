package io.flinkchaos.harness.steps;

import io.cucumber.java.en.When;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.JobVariant;
import io.flinkchaos.harness.job.SequenceJobs;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;

/** Steps that replace a running job: new versions, parallelism, configuration. */
public final class UpgradeSteps {

  private final ScenarioContext context;

  public UpgradeSteps(ScenarioContext context) {
    this.context = context;
  }

  @When("the job is upgraded to {job} with upgrade mode {upgradeMode}")
  public void upgradedTo(JobVariant variant, UpgradeMode mode) {
    upgrade(SequenceJobs.as(variant, context.job().spec()), mode);
  }

  void upgrade(JobSpec next, UpgradeMode mode) {
    UpgradeOutcome outcome = context.cluster().upgrade(context.job(), next, mode);
    context.upgraded(outcome);
    context.jobWaits().fullyRunning(outcome.job().jobId(), JobSteps.DEPLOY_TIMEOUT);
    context.log(
        "upgrade done in "
            + java.time.Duration.between(outcome.startedAt(), outcome.finishedAt()).toMillis()
            + " ms: "
            + outcome);
  }
}
