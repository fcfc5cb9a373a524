package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.flink.FlinkRestException;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.JobVariant;
import io.flinkchaos.harness.job.SequenceJobs;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.FlinkVersionUpgrades;
import io.flinkchaos.harness.platform.MissingCapabilityException;
import io.flinkchaos.harness.upgrade.FlinkVersionUpgradeOutcome;
import io.flinkchaos.harness.upgrade.RestoreRefusedException;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import io.flinkchaos.harness.wait.Bounds;
import java.time.Duration;
import java.time.Instant;

/**
 * Upgrades that also change the Flink version the job runs on. On Kubernetes the job's
 * FlinkDeployment changes its {@code image} and {@code flinkVersion} and the operator carries the
 * upgrade; on the local platform a cluster of the new version takes the job over. Either way
 * last-state becomes a savepoint, and the outcome records both modes.
 */
public final class FlinkVersionSteps {

  private final ScenarioContext context;
  private FlinkVersionUpgradeOutcome lastOnKubernetes;
  private String lastTarget;

  public FlinkVersionSteps(ScenarioContext context) {
    this.context = context;
  }

  @When("the job is upgraded to Flink {flinkVersion} with upgrade mode {upgradeMode}")
  public void upgradedToFlink(String version, UpgradeMode mode) {
    upgrade(context.job().spec(), version, mode);
  }

  /** A new job version and a new Flink version at once, as one FlinkDeployment change. */
  @When("the job is upgraded to {job} on Flink {flinkVersion} with upgrade mode {upgradeMode}")
  public void upgradedOnFlink(JobVariant variant, String version, UpgradeMode mode) {
    upgrade(SequenceJobs.as(variant, context.job().spec()), version, mode);
  }

  /**
   * The version comes from {@code -Dharness.flink.upgrade-to} (the nightly sets it on the legs that
   * have a newer Flink their operator supports); without it the scenario is skipped with that
   * reason.
   */
  @When("the job is upgraded to {job} on the next Flink version with upgrade mode {upgradeMode}")
  public void upgradedOnTheNextFlinkVersion(JobVariant variant, UpgradeMode mode) {
    String version =
        context
            .settings()
            .flinkUpgradeTarget()
            .orElseThrow(
                () ->
                    new MissingCapabilityException(
                        "'the job is upgraded on the next Flink version' needs -D"
                            + HarnessSettings.FLINK_UPGRADE_TO
                            + "=<a newer Flink version the operator supports>"));
    upgrade(SequenceJobs.as(variant, context.job().spec()), version, mode);
  }

  /**
   * A move to another Flink version (a rollback to an older one, typically) whose refusal by Flink
   * is an outcome, not an error: a Then step says which one was expected, and "the previous version
   * is resumed from the refused upgrade's snapshot" rolls back. Any other failure fails the step.
   */
  @When("an upgrade to Flink {flinkVersion} with upgrade mode {upgradeMode} is tried")
  public void upgradeToFlinkTried(String version, UpgradeMode mode) {
    JobSpec before = context.job().spec();
    ClusterSpec beforeOn = context.cluster().spec();
    Instant attempted = Instant.now();
    try {
      upgrade(before, version, mode);
      context.log("the upgrade to Flink " + version + " was not refused");
    } catch (RestoreRefusedException refused) {
      context.refused(new RefusedUpgrade(refused, before, beforeOn));
      context.log(
          "upgrade to Flink "
              + version
              + " refused "
              + Duration.between(attempted, Instant.now()).toMillis()
              + " ms after it began: "
              + refused.getMessage());
    }
  }

  private void upgrade(JobSpec next, String version, UpgradeMode mode) {
    ClusterSteps.requirePrepared(context, version);
    Capability<FlinkVersionUpgrades> onKubernetes = context.cluster().flinkVersionUpgrades();
    lastTarget = version;
    if (onKubernetes.get().isPresent()) {
      upgradeOnKubernetes(onKubernetes.get().get(), next, version, mode);
    } else if (context.platform().name().equals("local")) {
      upgradeToAClusterOfTheVersion(next, version, mode);
    } else {
      onKubernetes.require("the job is upgraded on Flink " + version);
    }
  }

  private void upgradeOnKubernetes(
      FlinkVersionUpgrades upgrades, JobSpec next, String version, UpgradeMode mode) {
    FlinkVersionUpgradeOutcome outcome =
        upgrades.upgrade(
            context.job(), next.withJar(context.settings().fixturesJar(version)), version, mode);
    lastOnKubernetes = outcome;
    context.upgraded(outcome.upgrade());
    context.jobWaits().fullyRunning(outcome.upgrade().job().jobId(), Bounds.DEPLOY);
    context.log(
        "Flink version upgrade done in "
            + Duration.between(outcome.upgrade().startedAt(), outcome.upgrade().finishedAt())
                .toMillis()
            + " ms: "
            + outcome.report());
  }

  /**
   * The job is stopped on the old cluster, the same job built for the new version starts on a
   * cluster of that version from its snapshot, and the old cluster is stopped. last-state becomes a
   * savepoint, as the operator does when the Flink version changes.
   */
  private void upgradeToAClusterOfTheVersion(JobSpec next, String version, UpgradeMode mode) {
    FlinkCluster from = context.cluster();
    String fromVersion = flinkVersionOf(from);
    if (fromVersion.equals(version)) {
      throw new IllegalArgumentException(
          "the cluster already runs Flink " + version + ": name another version to upgrade to");
    }
    UpgradeMode stopWith = mode == UpgradeMode.LAST_STATE ? UpgradeMode.SAVEPOINT : mode;
    Instant started = Instant.now();
    UpgradeOutcome stopped = from.jobs().suspend(context.job(), stopWith);
    FlinkCluster to =
        context
            .platform()
            .cluster(
                from.spec()
                    .withFlinkVersion(
                        context.settings().isOtherFlinkVersion(version) ? version : null));
    context.moveToCluster(to);
    JobSpec nextOnTheVersion = next.withJar(context.fixturesJar());
    DeployedJob resumed;
    try {
      resumed = to.jobs().resume(stopped, nextOnTheVersion);
    } catch (FlinkRestException e) {
      throw RestoreRefusedException.in(e.getMessage(), nextOnTheVersion.toString(), stopped)
          .<RuntimeException>map(refused -> refused)
          .orElse(e);
    }
    context.useJob(resumed);
    UpgradeOutcome outcome =
        new UpgradeOutcome(
            mode,
            stopped.applied(),
            resumed,
            stopped.snapshotKind(),
            stopped.snapshotPath(),
            stopped.failedAttempts(),
            started,
            Instant.now());
    context.upgraded(outcome);
    context.jobWaits().fullyRunning(resumed.jobId(), Bounds.DEPLOY);
    context.log(
        "Flink "
            + fromVersion
            + " -> "
            + version
            + " in "
            + Duration.between(started, outcome.finishedAt()).toMillis()
            + " ms (the Flink "
            + fromVersion
            + " cluster stopped): "
            + outcome);
  }

  private String flinkVersionOf(FlinkCluster cluster) {
    String version = cluster.spec().flinkVersion();
    return version == null ? context.settings().flinkVersion() : version;
  }

  @Then("the operator took a savepoint instead of last-state because the Flink version changed")
  public void savepointInsteadOfLastState() {
    if (lastOnKubernetes == null) {
      throw new IllegalStateException(
          "no Flink version upgrade by the operator in this scenario: add a When step such as"
              + " 'When the job is upgraded to v2 on the next Flink version with upgrade mode"
              + " last-state' and run it on Kubernetes");
    }
    lastOnKubernetes
        .notASavepointForTheVersionChange()
        .ifPresent(
            why -> {
              throw new AssertionError(why);
            });
    context.log(lastOnKubernetes.report());
  }

  /** From Flink itself: the JobManager's REST overview names its version. */
  @Then("the JobManager reports Flink {flinkVersion}")
  public void jobManagerReports(String version) {
    String reported = context.cluster().rest().overview().getVersion();
    assertThat(reported).as("Flink version the JobManager reports").isEqualTo(version);
    context.log("the JobManager reports Flink " + reported);
  }

  /** From Flink itself: the JobManager's REST overview names its version. */
  @Then("the JobManager reports the Flink version the job was upgraded to")
  public void jobManagerReportsTheVersion() {
    if (lastTarget == null) {
      throw new IllegalStateException(
          "no Flink version upgrade in this scenario: add a When step such as 'When the job is"
              + " upgraded to v2 on Flink 2.2.1 with upgrade mode savepoint'");
    }
    String reported = context.cluster().rest().overview().getVersion();
    assertThat(reported).as("Flink version the JobManager reports").isEqualTo(lastTarget);
    context.log("the JobManager reports Flink " + reported);
  }
}
