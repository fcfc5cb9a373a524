package io.flinkchaos.harness.steps;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.flinkchaos.harness.fault.FaultChoice;
import io.flinkchaos.harness.fault.FaultSchedule;
import io.flinkchaos.harness.fault.InjectedFault;
import io.flinkchaos.harness.fault.Moment;
import io.flinkchaos.harness.fault.ObjectStoreOutage;
import io.flinkchaos.harness.flink.FlinkRest;
import io.flinkchaos.harness.flink.JobFailure;
import io.flinkchaos.harness.flink.JobProgress;
import io.flinkchaos.harness.wait.Bounds;
import io.flinkchaos.harness.wait.UnexpectedStateException;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The object store out for a while, and what Flink made of it: checkpoints that failed and were
 * tolerated ({@code execution.checkpointing.tolerable-failed-checkpoints}), or a failover once more
 * failed than the job tolerates. Both read from Flink's REST API, never from the outage's claim.
 */
public final class StorageSteps {

  /** Flink 1.20's CheckpointFailureManager.EXCEEDED_CHECKPOINT_TOLERABLE_FAILURE_MESSAGE. */
  static final String TOLERANCE_EXCEEDED = "Exceeded checkpoint tolerable failure threshold";

  static final Duration VERDICT_BOUND = Duration.ofSeconds(60);

  private final ScenarioContext context;
  private long failedCheckpointsBefore = -1;

  public StorageSteps(ScenarioContext context) {
    this.context = context;
  }

  @When("the object store stops answering for {duration}")
  public void theObjectStoreStopsAnswering(Duration duration) {
    outage(ObjectStoreOutage.Kind.STOPS_ANSWERING, duration);
  }

  @When("the object store refuses connections for {duration}")
  public void theObjectStoreRefusesConnections(Duration duration) {
    outage(ObjectStoreOutage.Kind.REFUSES_CONNECTIONS, duration);
  }

  @When("the object store stops answering for {duration} between two checkpoints")
  public void theObjectStoreStopsAnsweringBetweenCheckpoints(Duration duration) {
    outage(ObjectStoreOutage.Kind.STOPS_ANSWERING, duration, Moment.BETWEEN_CHECKPOINTS);
  }

  /**
   * Between two checkpoints the next one is triggered under the outage and times out; an outage
   * landing in a checkpoint's finalization would hold it instead, and nothing would fail.
   */
  @When("the object store refuses connections for {duration} between two checkpoints")
  public void theObjectStoreRefusesConnectionsBetweenCheckpoints(Duration duration) {
    outage(ObjectStoreOutage.Kind.REFUSES_CONNECTIONS, duration, Moment.BETWEEN_CHECKPOINTS);
  }

  private void outage(ObjectStoreOutage.Kind kind, Duration duration) {
    outage(kind, duration, Moment.NOW);
  }

  private void outage(ObjectStoreOutage.Kind kind, Duration duration, Moment moment) {
    context.cluster().storage().outages().require("cut the cluster off its object store");
    failedCheckpointsBefore = context.cluster().rest().checkpoints(context.jobId()).failed();
    context.run(FaultSchedule.at(moment, FaultChoice.of(new ObjectStoreOutage(kind, duration))));
  }

  /**
   * The outage's effect on checkpointing, read from Flink's statistics, not from the outage's
   * claim. A checkpoint whose tasks still write to the store when it goes out times out and fails;
   * one whose tasks have all acknowledged waits on the JobManager's metadata write with no timeout
   * running, and Flink triggers no other checkpoint until the store answers (measured here on S3: a
   * checkpoint held by a 6 s freeze completed after 7.2 s despite a 3 s timeout, and none failed).
   * Either proves the outage landed. A checkpoint triggered while the store was out and completed
   * proves it did not.
   */
  @Then(
      "checkpoints failed or were held back during the outage and the job rode it out without a"
          + " failover")
  public void checkpointsFailedOrWereHeldAndTheJobRodeItOut() {
    InjectedFault fault = outageFault();
    Duration length = ((ObjectStoreOutage) fault.fault()).duration();
    OutageEffect effect =
        Waits.until(
            "Flink to count a failed checkpoint of job "
                + fault.jobId()
                + " since the outage (failed before it: "
                + failedCheckpointsBefore
                + "), or to trigger a checkpoint after it",
            VERDICT_BOUND,
            () ->
                OutageEffect.read(context.cluster().rest(), fault, length, failedCheckpointsBefore),
            OutageEffect::decided,
            e -> failoverSince(fault));
    String failover = failoverSince(fault);
    if (failover != null) {
      throw new UnexpectedStateException("no failover expected: " + failover);
    }
    if (!effect.landed()) {
      throw new UnexpectedStateException("the outage did not reach checkpointing: " + effect);
    }
    JobProgress progress = context.jobWaits().fullyRunning(fault.jobId(), Bounds.RESTORE);
    context.log(
        effect
            + "; tolerated: no failure recorded since '"
            + fault.fault().description()
            + "' began; "
            + progress.job());
  }

  /**
   * Failed checkpoints counted so far, and the trigger time of the first completed checkpoint
   * triggered after the outage began (null if none yet).
   */
  private record OutageEffect(
      long failedBefore, long failed, Long firstTriggerAfter, Instant start, Instant end) {

    /**
     * Flink's and the harness's clocks may differ a little (whole milliseconds, pods on
     * Kubernetes).
     */
    static Duration slack(Duration length) {
      return Duration.ofMillis(Math.min(250, length.toMillis() / 4));
    }

    static OutageEffect read(
        FlinkRest rest, InjectedFault fault, Duration length, long failedBefore) {
      long failed = rest.checkpoints(fault.jobId()).failed();
      // Past the slack: the checkpoint in progress at the landing was triggered just before it.
      long start = fault.at().plus(slack(length)).toEpochMilli();
      Long first =
          rest.recentCheckpointTriggerTimes(fault.jobId()).stream()
              .filter(t -> t >= start)
              .findFirst()
              .orElse(null);
      return new OutageEffect(failedBefore, failed, first, fault.at(), fault.at().plus(length));
    }

    boolean decided() {
      return failed > failedBefore || firstTriggerAfter != null;
    }

    boolean held() {
      return firstTriggerAfter != null
          && firstTriggerAfter >= end.minus(slack(Duration.between(start, end))).toEpochMilli();
    }

    boolean landed() {
      return failed > failedBefore || held();
    }

    @Override
    public String toString() {
      String first =
          firstTriggerAfter == null
              ? "no checkpoint triggered since it began"
              : "the first checkpoint triggered since it began was triggered "
                  + (firstTriggerAfter - start.toEpochMilli())
                  + " ms after it began, the outage lasted "
                  + Duration.between(start, end).toMillis()
                  + " ms";
      return (failed - failedBefore) + " checkpoint(s) failed during the outage, " + first;
    }
  }

  @Then("the job failed over once more checkpoints failed than it tolerates")
  public void theJobFailedOverOnTheToleranceExceeded() {
    InjectedFault fault = outageFault();
    List<JobFailure> failures =
        Waits.until(
            "Flink to record '" + TOLERANCE_EXCEEDED + "' for job " + fault.jobId(),
            VERDICT_BOUND,
            () -> context.cluster().rest().failures(fault.jobId()).since(fault.at()),
            found -> found.stream().anyMatch(f -> f.mentions(TOLERANCE_EXCEEDED)));
    JobFailure exceeded =
        failures.stream().filter(f -> f.mentions(TOLERANCE_EXCEEDED)).findFirst().orElseThrow();
    context.log(
        "failover "
            + Duration.between(fault.at(), exceeded.at()).toMillis()
            + " ms after the outage began: "
            + TOLERANCE_EXCEEDED);
  }

  private InjectedFault outageFault() {
    InjectedFault fault = context.lastFault();
    if (!(fault.fault() instanceof ObjectStoreOutage)) {
      throw new IllegalStateException(
          "this step follows 'When the object store stops answering / refuses connections for …';"
              + " the last fault was '"
              + fault.fault().description()
              + "'");
    }
    return fault;
  }

  /** The first failure Flink recorded since the outage began, described; null if none. */
  private String failoverSince(InjectedFault fault) {
    List<JobFailure> failures = context.cluster().rest().failures(fault.jobId()).since(fault.at());
    return failures.isEmpty()
        ? null
        : "Flink recorded "
            + failures.size()
            + " failure(s) since the outage began, the latest: "
            + failures.get(0);
  }
}
