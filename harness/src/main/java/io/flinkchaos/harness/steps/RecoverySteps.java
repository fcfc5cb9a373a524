package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.flinkchaos.harness.fault.InjectedFault;
import io.flinkchaos.harness.fault.ProcessFreeze;
import io.flinkchaos.harness.flink.JobFailure;
import io.flinkchaos.harness.flink.JobProgress;
import io.flinkchaos.harness.flink.SnapshotRef;
import io.flinkchaos.harness.wait.Bounds;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

  /** Flink's default is 50 s; the harness's clusters set 5 s. Read from the JobManager itself. */
  @Then("the freeze was shorter than the heartbeat timeout and the job did not fail over")
  public void shortFreezeCausedNoFailover() {
    InjectedFault fault = context.lastFault();
    ProcessFreeze freeze = freezeOf(fault);
    Duration heartbeat = heartbeatTimeout();
    assertThat(freeze.pause())
        .as("the freeze of %s against heartbeat.timeout", freeze.process())
        .isLessThan(heartbeat);
    List<JobFailure> failures = failuresSince(fault);
    assertThat(failures)
        .as(
            "failures Flink recorded for job %s after '%s' (heartbeat.timeout %s ms)",
            fault.jobId(), freeze.description(), heartbeat.toMillis())
        .isEmpty();
    JobProgress progress = context.jobWaits().fullyRunning(fault.jobId(), Bounds.RESTORE);
    context.log(
        "no failover: "
            + freeze.pause().toMillis()
            + " ms frozen < heartbeat.timeout "
            + heartbeat.toMillis()
            + " ms; Flink's exception history has no entry since the freeze; "
            + progress.job());
  }

  /**
   * The JobManager (or ResourceManager) timed out the frozen TaskManager's heartbeat and failed the
   * job over, as Flink's exception history reports ("Heartbeat of TaskManager with id … timed
   * out.", JobMaster#TaskManagerHeartbeatListener in Flink 1.20).
   */
  @Then("the freeze outlasted the heartbeat timeout and the job failed over")
  public void longFreezeCausedAFailover() {
    InjectedFault fault = context.lastFault();
    ProcessFreeze freeze = freezeOf(fault);
    Duration heartbeat = heartbeatTimeout();
    assertThat(freeze.pause())
        .as("the freeze of %s against heartbeat.timeout", freeze.process())
        .isGreaterThan(heartbeat);
    List<JobFailure> failures = failuresSince(fault);
    assertThat(failures)
        .as(
            "failures Flink recorded for job %s after '%s', one of them a heartbeat timeout",
            fault.jobId(), freeze.description())
        .anyMatch(RecoverySteps::isHeartbeatTimeout);
    context.log(
        "failover: "
            + freeze.pause().toMillis()
            + " ms frozen > heartbeat.timeout "
            + heartbeat.toMillis()
            + " ms; Flink recorded "
            + failures.stream()
                .filter(RecoverySteps::isHeartbeatTimeout)
                .findFirst()
                .orElseThrow());
  }

  private static boolean isHeartbeatTimeout(JobFailure failure) {
    return failure.mentions("heartbeat of TaskManager with id") && failure.mentions("timed out");
  }

  private static ProcessFreeze freezeOf(InjectedFault fault) {
    if (fault.fault() instanceof ProcessFreeze freeze) {
      return freeze;
    }
    throw new IllegalStateException(
        "this step follows 'When a TaskManager running the job is frozen for …'; the last fault"
            + " was '"
            + fault.fault().description()
            + "'");
  }

  private Duration heartbeatTimeout() {
    return context
        .cluster()
        .rest()
        .clusterConfiguration()
        .get(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT);
  }

  private List<JobFailure> failuresSince(InjectedFault fault) {
    return context.cluster().rest().failures(fault.jobId()).since(fault.at());
  }
}
