package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.flinkchaos.harness.flink.JobObservation;
import io.flinkchaos.harness.flink.SnapshotRef;
import io.flinkchaos.harness.job.SequenceJobs;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import io.flinkchaos.harness.wait.Bounds;
import io.flinkchaos.harness.wait.Waits;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.execution.ExecutionState;

/**
 * Steps around a task's final checkpoint (FLIP-147). In a streaming job a task whose input has
 * ended waits for one more checkpoint to complete, its final checkpoint, and finishes right after
 * it (Flink 1.20's {@code StreamTask}: {@code finalCheckpointMinId}, {@code
 * finalCheckpointCompleted}). That checkpoint holds the task's state after its end of input; a
 * later one records the task as finished ({@code DefaultCheckpointPlan#fulfillFinishedTaskStatus})
 * and a restore from it does not run the task again. A restore from the final checkpoint itself
 * runs the task again from there, and its sink sees a second end of input: FLINK-25920.
 */
public final class FinalCheckpointSteps {

  private final ScenarioContext context;

  /** The latest completed checkpoint when the sequence's tasks were first seen FINISHED. */
  private long sinkFinalCheckpoint = -1;

  public FinalCheckpointSteps(ScenarioContext context) {
    this.context = context;
  }

  /**
   * The bounded sequence (source, counter, sinks) has FINISHED while the job's keep-alive branch
   * still runs. Polled every {@link Bounds#CHECKPOINT_POLL}, far shorter than a checkpoint
   * interval, so the latest completed checkpoint when the tasks are first seen FINISHED is the one
   * they finished after.
   */
  @Given("the sequence has finished after its final checkpoint while the job runs on")
  public void sequenceFinishedWhileTheJobRuns() {
    JobID job = context.job().jobId();
    JobObservation finished =
        Waits.until(
            "every vertex of job "
                + job
                + " but its "
                + SequenceJobs.KEEP_ALIVE_BRANCH
                + " branch to be FINISHED while the job runs",
            Bounds.DEPLOY,
            Bounds.CHECKPOINT_POLL,
            () -> context.cluster().rest().job(job),
            FinalCheckpointSteps::sequenceFinishedWhileRunning,
            observed ->
                observed.isTerminal()
                    ? "the job reached "
                        + observed.status()
                        + " first: its keep-alive branch ended before the sequence"
                    : null);
    sinkFinalCheckpoint = context.cluster().rest().checkpoints(job).latestCompletedId();
    assertThat(sinkFinalCheckpoint)
        .as("completed checkpoints of job %s when its sequence had finished (%s)", job, finished)
        .isPositive();
    context.log(
        "the sequence FINISHED after checkpoint "
            + sinkFinalCheckpoint
            + ", its final checkpoint; the job runs on: "
            + finished);
  }

  /**
   * The last restore started from the sinks' final checkpoint, as the new job reports it: a restore
   * from a later one does not run the sinks again and cannot show FLINK-25920.
   */
  @Then("the restore used the sequence's final checkpoint")
  public void theRestoreUsedTheFinalCheckpoint() {
    assertThat(sinkFinalCheckpoint)
        .as(
            "the final checkpoint: say first 'the sequence has finished after its final checkpoint'")
        .isPositive();
    UpgradeOutcome upgrade = context.lastUpgrade();
    SnapshotRef restored =
        Waits.until(
                "job " + upgrade.job().jobId() + " to report the checkpoint it restored",
                Bounds.RESTORED_SNAPSHOT_REPORT,
                () -> context.cluster().rest().checkpoints(upgrade.job().jobId()),
                checkpoints -> checkpoints.latestRestored() != null)
            .latestRestored();
    assertThat(restored.id())
        .as(
            "job %s restored %s; the sequence's final checkpoint was %d (a later one marks its"
                + " tasks finished: the restore came too late)",
            upgrade.job().jobId(), restored, sinkFinalCheckpoint)
        .isEqualTo(sinkFinalCheckpoint);
    context.log("restored " + restored + ", the sequence's final checkpoint");
  }

  static boolean sequenceFinishedWhileRunning(JobObservation observed) {
    if (observed.status() != JobStatus.RUNNING) {
      return false;
    }
    boolean keepAliveRuns = false;
    boolean sequenceSeen = false;
    for (Map.Entry<String, ExecutionState> vertex : observed.vertices().entrySet()) {
      if (vertex.getKey().contains(SequenceJobs.KEEP_ALIVE_BRANCH)) {
        keepAliveRuns |= vertex.getValue() == ExecutionState.RUNNING;
      } else if (vertex.getValue() == ExecutionState.FINISHED) {
        sequenceSeen = true;
      } else {
        return false;
      }
    }
    return sequenceSeen && keepAliveRuns;
  }
}
