package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cucumber.java.en.Then;
import io.flinkchaos.harness.fault.FreezeReport;
import io.flinkchaos.harness.fault.InjectedFault;
import io.flinkchaos.harness.fault.ProcessFreeze;
import io.flinkchaos.harness.flink.JobLostException;
import io.flinkchaos.harness.flink.JobProgress;
import io.flinkchaos.harness.flink.SnapshotRef;
import io.flinkchaos.harness.wait.Bounds;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.HeartbeatManagerOptions;

/** Steps that check how a job recovered from the last fault. */
public final class RecoverySteps {

  /** {@link Bounds#RESTORE}, for ScenarioContext until it reads it there. */
  private final ScenarioContext context;

  public RecoverySteps(ScenarioContext context) {
    this.context = context;
  }

  @Then(
      "the job restores from a checkpoint at least as recent as the last one completed before the"
          + " kill/fault")
  public void restoresFromLatestCheckpoint() {
    InjectedFault fault = context.lastFault();
    long minimum = fault.lastCompletedBefore();
    assertThat(minimum)
        .as("a checkpoint had completed before the fault (%s)", fault.lastCompletedSource())
        .isGreaterThanOrEqualTo(1);
    if (!fault.landing().known()) {
      context.log(
          "last completed checkpoint before '"
              + fault.fault().description()
              + "': "
              + minimum
              + ", "
              + fault.lastCompletedSource());
    }
    JobProgress progress =
        context
            .jobWaits()
            .restoredSince(context.job().jobId(), fault.at(), minimum, Bounds.RESTORE);
    SnapshotRef restored = progress.checkpoints().latestRestored();
    context.log(
        "restored from "
            + restored
            + " (last completed before the fault: "
            + minimum
            + ") "
            + (restored.timestamp() - fault.at().toEpochMilli())
            + " ms after it");
  }

  @Then("a new checkpoint completes within {duration} of the fault")
  public void newCheckpointWithin(Duration bound) {
    InjectedFault fault = context.lastFault();
    long faultMillis = fault.at().toEpochMilli();
    JobProgress progress =
        Waits.until(
            "a checkpoint of job "
                + context.job().jobId()
                + " completed after the fault at "
                + fault.at(),
            Bounds.withSightingSlack(bound),
            () -> context.jobWaits().progress(context.job().jobId()),
            p ->
                p.checkpoints()
                    .lastCompleted()
                    .filter(
                        c -> c.id() > fault.lastCompletedBefore() && c.timestamp() > faultMillis)
                    .isPresent(),
            p -> p.job().isTerminal() ? "the job reached " + p.job().status() : null);
    SnapshotRef first = progress.checkpoints().latestCompleted();
    Duration measured = Duration.ofMillis(first.timestamp() - faultMillis);
    context.measure("fault to first new checkpoint", measured);
    assertThat(measured)
        .as("time from '%s' until %s completed", fault.fault().description(), first)
        .isLessThanOrEqualTo(bound);
  }

  @Then("the job id is unchanged")
  public void jobIdIsUnchanged() {
    InjectedFault fault = context.lastFault();
    assertThat(context.job().jobId())
        .as("the scenario's job after '%s'", fault.fault().description())
        .isEqualTo(fault.jobId());
    var running =
        context.cluster().rest().jobs().stream()
            .filter(j -> !j.getStatus().isGloballyTerminalState())
            .toList();
    assertThat(running)
        .as("jobs not ended on the cluster")
        .singleElement()
        .satisfies(j -> assertThat(j.getJobId()).isEqualTo(fault.jobId()));
    context.log("job id unchanged: " + fault.jobId());
  }

  /**
   * Without HA a restarted JobManager keeps no job: the harness must say so at once, naming the
   * last checkpoint the job could have been resumed from (at least the last one completed before
   * the fault), instead of timing out. Fails if the job came back.
   */
  @Then("the job is lost, naming the last checkpoint it could have been resumed from")
  public void jobIsLost() {
    InjectedFault fault = context.lastFault();
    JobLostException lost;
    try {
      JobProgress progress = context.jobWaits().fullyRunning(fault.jobId(), Bounds.RESTORE);
      throw new AssertionError(
          "job "
              + fault.jobId()
              + " was not lost after '"
              + fault.fault().description()
              + "': "
              + progress.job());
    } catch (JobLostException e) {
      lost = e;
    }
    assertThat(lost.lastCheckpoint().map(SnapshotRef::id))
        .as("the checkpoint named by: %s", lost.getMessage())
        .hasValueSatisfying(
            id -> assertThat(id).isGreaterThanOrEqualTo(fault.lastCompletedBefore()));
    context.log(lost.getMessage());
  }

  @Then("the job is running again within {duration}")
  public void runningAgainWithin(Duration bound) {
    InjectedFault fault = context.lastFault();
    JobProgress progress = context.awaitRunningAfter(fault, Bounds.withSightingSlack(bound));
    Duration recovery = Duration.between(fault.at(), Instant.now());
    context.measure("fault to all vertices RUNNING", recovery);
    assertThat(recovery)
        .as(
            "time from '%s' until the job ran again (%s)",
            fault.fault().description(), progress.job())
        .isLessThanOrEqualTo(bound);
  }

  @Then("the freeze was shorter than the heartbeat timeout and the job did not fail over")
  public void shortFreezeCausedNoFailover() {
    FreezeReport report = freezeReport();
    report.notRiddenOut().ifPresent(why -> fail("no failover expected: " + why));
    JobProgress progress =
        context.jobWaits().fullyRunning(context.lastFault().jobId(), Bounds.RESTORE);
    context.log("no failover: " + report + "; " + progress.job());
  }

  @Then("the freeze outlasted the heartbeat timeout and the job failed over")
  public void longFreezeCausedAFailover() {
    FreezeReport report = freezeReport();
    report.noFailover().ifPresent(why -> fail("a failover expected: " + why));
    context.log("failover: " + report);
  }

  /**
   * Flink's default heartbeat.timeout is 50 s, the harness's clusters set 5 s: read it from the
   * JobManager.
   */
  private FreezeReport freezeReport() {
    InjectedFault fault = context.lastFault();
    if (!(fault.fault() instanceof ProcessFreeze freeze)) {
      throw new IllegalStateException(
          "this step follows 'When a TaskManager running the job is frozen for …'; the last fault"
              + " was '"
              + fault.fault().description()
              + "'");
    }
    var rest = context.cluster().rest();
    return new FreezeReport(
        freeze,
        rest.clusterConfiguration().get(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT),
        rest.failures(fault.jobId()).since(fault.at()));
  }
}
