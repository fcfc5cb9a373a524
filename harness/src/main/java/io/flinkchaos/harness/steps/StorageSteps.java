package io.flinkchaos.harness.steps;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.flinkchaos.harness.fault.FaultChoice;
import io.flinkchaos.harness.fault.FaultSchedule;
import io.flinkchaos.harness.fault.InjectedFault;
import io.flinkchaos.harness.fault.ObjectStoreOutage;
import io.flinkchaos.harness.flink.CheckpointObservation;
import io.flinkchaos.harness.flink.JobFailure;
import io.flinkchaos.harness.flink.JobProgress;
import io.flinkchaos.harness.wait.Bounds;
import io.flinkchaos.harness.wait.UnexpectedStateException;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
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

  private void outage(ObjectStoreOutage.Kind kind, Duration duration) {
    context.cluster().storage().outages().require("cut the cluster off its object store");
    failedCheckpointsBefore = context.cluster().rest().checkpoints(context.jobId()).failed();
    context.run(FaultSchedule.now(FaultChoice.of(new ObjectStoreOutage(kind, duration))));
  }

  @Then("checkpoints failed during the outage and the job rode it out without a failover")
  public void checkpointsFailedAndTheJobRodeItOut() {
    InjectedFault fault = outageFault();
    CheckpointObservation checkpoints =
        Waits.until(
            "Flink to count a failed checkpoint of job "
                + fault.jobId()
                + " since the outage (failed before it: "
                + failedCheckpointsBefore
                + ")",
            VERDICT_BOUND,
            () -> context.cluster().rest().checkpoints(fault.jobId()),
            c -> c.failed() > failedCheckpointsBefore,
            c -> failoverSince(fault));
    String failover = failoverSince(fault);
    if (failover != null) {
      throw new UnexpectedStateException("no failover expected: " + failover);
    }
    JobProgress progress = context.jobWaits().fullyRunning(fault.jobId(), Bounds.RESTORE);
    context.log(
        (checkpoints.failed() - failedCheckpointsBefore)
            + " checkpoint(s) failed since '"
            + fault.fault().description()
            + "' began, tolerated: no failure recorded since; "
            + progress.job());
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
