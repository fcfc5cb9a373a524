package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.flinkchaos.harness.fault.InjectedFault;
import io.flinkchaos.harness.flink.JobProgress;
import io.flinkchaos.harness.flink.SnapshotRef;
import java.time.Duration;
import java.time.Instant;

/** Steps that check how a job recovered from the last fault. */
public final class RecoverySteps {

  static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(90);

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
        .as("a checkpoint had completed before the fault (%s)", fault.checkpointsBefore())
        .isGreaterThanOrEqualTo(1);
    JobProgress progress =
        context
            .jobWaits()
            .restoredSince(context.job().jobId(), fault.at(), minimum, RESTORE_TIMEOUT);
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

  @Then("the job is running again within {duration}")
  public void runningAgainWithin(Duration bound) {
    InjectedFault fault = context.lastFault();
    JobProgress progress =
        context
            .jobWaits()
            .runningAfterRestoreSince(context.job().jobId(), fault.at(), bound.plusSeconds(30));
    Duration recovery = Duration.between(fault.at(), Instant.now());
    context.measure("fault to all vertices RUNNING", recovery);
    assertThat(recovery)
        .as(
            "time from '%s' until the job ran again (%s)",
            fault.fault().description(), progress.job())
        .isLessThanOrEqualTo(bound);
  }
}
