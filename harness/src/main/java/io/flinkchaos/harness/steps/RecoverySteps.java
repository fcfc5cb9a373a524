package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cucumber.java.en.Then;
import io.flinkchaos.harness.fault.InjectedFault;
import io.flinkchaos.harness.fault.IsolationReport;
import io.flinkchaos.harness.fault.TimedIsolation;
import io.flinkchaos.harness.flink.InProgressSnapshot;
import io.flinkchaos.harness.flink.JobLostException;
import io.flinkchaos.harness.flink.JobProgress;
import io.flinkchaos.harness.flink.SnapshotRef;
import io.flinkchaos.harness.flink.SubtaskAttempt;
import io.flinkchaos.harness.wait.Bounds;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;
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
    context.measure("fault to first new checkpoint", fault.at(), measured);
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
   * The job restored from exactly the checkpoint Flink reported IN_PROGRESS when the fault landed:
   * that checkpoint completed after the fault began, so every task it needed, the faulted
   * TaskManager's included, had acknowledged it before.
   */
  @Then("the job restored from the checkpoint that was in progress when the fault landed")
  public void restoredFromTheCheckpointInProgress() {
    InjectedFault fault = context.lastFault();
    InProgressSnapshot inProgress =
        fault
            .landing()
            .inProgress(s -> s.kind() == InProgressSnapshot.Kind.CHECKPOINT)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no checkpoint was IN_PROGRESS when '"
                            + fault.fault().description()
                            + "' landed: "
                            + fault.landing()));
    JobProgress progress =
        context
            .jobWaits()
            .restoredSince(fault.jobId(), fault.at(), fault.lastCompletedBefore(), Bounds.RESTORE);
    SnapshotRef restored = progress.checkpoints().latestRestored();
    assertThat(restored.id())
        .as(
            "the checkpoint restored after '%s' (checkpoint %d was in progress then)",
            fault.fault().description(), inProgress.id())
        .isEqualTo(inProgress.id());
    context.log(
        "restored from checkpoint "
            + restored.id()
            + ", the one in progress when the fault landed: it completed after the fault began,"
            + " so the faulted TaskManager had acknowledged it");
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
    context.measure("fault to all vertices RUNNING", fault.at(), recovery);
    assertThat(recovery)
        .as(
            "time from '%s' until the job ran again (%s)",
            fault.fault().description(), progress.job())
        .isLessThanOrEqualTo(bound);
  }

  @Then("the freeze/partition was shorter than the heartbeat timeout and the job did not fail over")
  public void shortFreezeCausedNoFailover() {
    IsolationReport report = isolationReport();
    report.notRiddenOut().ifPresent(why -> fail("no failover expected: " + why));
    JobProgress progress =
        context.jobWaits().fullyRunning(context.lastFault().jobId(), Bounds.RESTORE);
    context.log("no failover: " + report + "; " + progress.job());
  }

  @Then("the freeze/partition outlasted the heartbeat timeout and the job failed over")
  public void longFreezeCausedAFailover() {
    IsolationReport report = isolationReport();
    report.noFailover().ifPresent(why -> fail("a failover expected: " + why));
    context.log("failover: " + report);
  }

  /**
   * The job failed over to slots of other TaskManagers while the partitioned one was still cut off:
   * every current attempt of its source was deployed after the cut and before the earliest moment
   * of the heal, and none runs on the partitioned TaskManager.
   */
  @Then("the job ran again on the other TaskManagers before the partition healed")
  public void ranElsewhereBeforeTheHeal() {
    InjectedFault fault = context.lastFault();
    TimedIsolation isolation = isolation(fault);
    JobProgress progress = context.jobWaits().fullyRunning(fault.jobId(), Bounds.RESTORE);
    long cutAt = fault.at().toEpochMilli();
    long healedNotBefore = fault.at().plus(isolation.length()).toEpochMilli();
    Map<Integer, SubtaskAttempt> sources =
        context.cluster().rest().currentAttempts(fault.jobId(), "Source");
    SortedSet<Integer> running = context.cluster().taskManagersRunning(fault.jobId());
    String seen =
        "source attempts "
            + sources.values()
            + " (deployed ms after the cut: "
            + sources.values().stream().map(a -> a.startMillis() - cutAt).toList()
            + ", heal at "
            + (healedNotBefore - cutAt)
            + " ms the earliest), TaskManagers running the job "
            + running;
    if (sources.isEmpty()) {
      fail("the job has no vertex named 'Source …' to read attempts from: " + progress.job());
    }
    for (SubtaskAttempt attempt : sources.values()) {
      if (attempt.startMillis() < cutAt || attempt.startMillis() >= healedNotBefore) {
        fail(
            "expected every source subtask redeployed while "
                + isolation.process()
                + " was cut off; "
                + seen);
      }
    }
    if (running.contains(isolation.process().index())) {
      fail("expected the job off the partitioned " + isolation.process() + "; " + seen);
    }
    context.log("ran elsewhere during the cut: " + seen);
  }

  /**
   * A fault Flink must ride out (latency, a short stall): no failure since it began, and running.
   */
  @Then("Flink recorded no failure since the fault began and the job kept running")
  public void noFailureSinceTheFault() {
    InjectedFault fault = context.lastFault();
    var failures = context.cluster().rest().failures(fault.jobId()).since(fault.at());
    if (!failures.isEmpty()) {
      fail(
          "no failover expected after '"
              + fault.fault().description()
              + "': Flink recorded "
              + failures.size()
              + " failure(s), the latest: "
              + failures.get(0));
    }
    JobProgress progress = context.jobWaits().fullyRunning(fault.jobId(), Bounds.RESTORE);
    context.log("no failure since '" + fault.fault().description() + "'; " + progress.job());
  }

  /**
   * Flink's default heartbeat.timeout is 50 s, the harness's clusters set 5 s: read it from the
   * JobManager.
   */
  private IsolationReport isolationReport() {
    InjectedFault fault = context.lastFault();
    TimedIsolation isolation = isolation(fault);
    var rest = context.cluster().rest();
    return new IsolationReport(
        isolation,
        rest.clusterConfiguration().get(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT),
        rest.failures(fault.jobId()).since(fault.at()));
  }

  private static TimedIsolation isolation(InjectedFault fault) {
    if (!(fault.fault() instanceof TimedIsolation isolation)) {
      throw new IllegalStateException(
          "this step follows 'When a TaskManager running the job is frozen for …' or '… is cut off"
              + " from the JobManager for …'; the last fault was '"
              + fault.fault().description()
              + "'");
    }
    return isolation;
  }
}
