package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.SqlJobs;
import io.flinkchaos.harness.upgrade.RestoreRefusedException;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.wait.Bounds;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * SQL jobs: a statement file run by the SQL runner jar (the fixture jobs' SqlRunner), deployed,
 * faulted and checked like any job; upgraded by changing the statement file, where Flink keeps
 * state only for the operators whose ids the new query's plan still derives.
 */
public final class SqlSteps {

  private final ScenarioContext context;
  private final UpgradeSteps upgrades;

  private Instant attemptStarted;

  public SqlSteps(ScenarioContext context, UpgradeSteps upgrades) {
    this.context = context;
    this.upgrades = upgrades;
  }

  /**
   * A SQL script (the fixtures' in fixtures/sql, or a team's own), relative to the repository root
   * unless absolute; {@code {output}} in it becomes a fresh output location, and "its output
   * follows the sequence contract with N keys" declares what the checker may expect.
   */
  @Given("the SQL job {string} runs with parallelism {int} and checkpoints every {duration}")
  public void theSqlJobRuns(String script, int parallelism, Duration interval) {
    Path path = SqlJobs.script(context.settings().projectDir(), script);
    URI output = context.cluster().storage().newOutputLocation("sql-" + path.getFileName());
    JobSpec spec = SqlJobs.spec(context.fixturesJar(), path, parallelism, interval, output);
    long started = System.nanoTime();
    DeployedJob job = context.cluster().deploy(spec, null);
    context.useJob(job);
    context.jobWaits().fullyRunning(job.jobId(), Bounds.DEPLOY);
    context.log(
        "deployed "
            + job
            + " (the SQL runner with "
            + script
            + "), all vertices RUNNING after "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
  }

  @When("the job is upgraded to the SQL in {string} with upgrade mode {upgradeMode}")
  public void upgradedToSql(String script, UpgradeMode mode) {
    upgrades.upgrade(changedTo(script, false), mode, () -> {});
  }

  @When(
      "the job is upgraded to the SQL in {string} with upgrade mode {upgradeMode}, allowing"
          + " non-restored state")
  public void upgradedToSqlAllowingNonRestoredState(String script, UpgradeMode mode) {
    upgrades.upgrade(changedTo(script, true), mode, () -> {});
  }

  /**
   * An upgrade whose refusal by Flink is an outcome, not an error: a Then step says which one was
   * expected. Any other failure fails the step.
   */
  @When("an upgrade to the SQL in {string} with upgrade mode {upgradeMode} is tried")
  public void upgradeTried(String script, UpgradeMode mode) {
    JobSpec before = context.job().spec();
    attemptStarted = Instant.now();
    try {
      upgrades.upgrade(changedTo(script, false), mode, () -> {});
      context.log("the upgrade to " + script + " was not refused");
    } catch (RestoreRefusedException refused) {
      context.refused(new RefusedUpgrade(refused, before, context.cluster().spec()));
      context.log(
          "upgrade refused "
              + Duration.between(attemptStarted, Instant.now()).toMillis()
              + " ms after it began: "
              + refused.getMessage());
    }
  }

  /**
   * The tried upgrade was refused by Flink, quickly (from Flink's answer, not a wait running out),
   * naming the operator whose state the new job has no place for; and no job of the cluster runs.
   */
  @Then(
      "Flink refused the upgrade within {duration}, naming the operator whose state the new query"
          + " has no place for")
  public void flinkRefusedTheUpgrade(Duration bound) {
    List<RefusedUpgrade> refusals = context.refusals();
    if (refusals.isEmpty()) {
      throw new AssertionError(
          "Flink did not refuse the upgrade: "
              + (attemptStarted == null
                  ? "no upgrade was tried (add 'When an upgrade to the SQL in \"…\" with upgrade"
                      + " mode savepoint is tried')"
                  : "it went through, the job now is " + context.job()));
    }
    RestoreRefusedException refused = refusals.get(refusals.size() - 1).refusal();
    Duration took = Duration.between(attemptStarted, refused.stopped().finishedAt());
    assertThat(took).as("from the upgrade's start to the refusal: %s", refused).isLessThan(bound);
    assertThat(refused.operatorId()).as(refused.getMessage()).matches("[0-9a-f]{32}");
    List<String> running =
        context.cluster().rest().jobs().stream()
            .filter(job -> !job.getStatus().isTerminalState())
            .map(job -> job.getJobId() + " " + job.getStatus())
            .toList();
    assertThat(running).as("jobs not ended after the refusal").isEmpty();
    context.log(
        "Flink refused the upgrade after "
            + took.toMillis()
            + " ms, naming operator "
            + refused.operatorId()
            + "; no job runs");
  }

  private JobSpec changedTo(String script, boolean allowNonRestoredState) {
    return SqlJobs.changedTo(
        context.job().spec(),
        SqlJobs.script(context.settings().projectDir(), script),
        allowNonRestoredState);
  }
}
