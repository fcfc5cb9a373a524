package io.flinkchaos.harness.steps;

import io.flinkchaos.harness.check.CombinedVerdict;
import io.flinkchaos.harness.check.Frontier;
import io.flinkchaos.harness.flink.JobObservation;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.OutputContract;
import io.flinkchaos.harness.wait.Bounds;
import org.apache.flink.api.common.JobStatus;

/**
 * How a scenario reaches a verdict. Safety alone is not enough: after a fault or an upgrade, a job
 * that commits nothing more (a silent sink, a job stuck restarting, a stalled source) leaves no
 * hole and no duplicate. So every verdict after a disruption first waits until the job runs again,
 * takes the committed frontier then as the baseline, waits for enough checkpoints that every key
 * receives records at the job's rate, and requires every key to have committed past the baseline.
 *
 * <p>The baseline is read once all vertices run again: Flink 1.20's {@code
 * CommitterOperator#initializeState} re-commits the restored checkpoint's pending committables
 * during the restore, before the task is RUNNING, so records committed after the baseline can only
 * be new ones. It is at least the frontier at the fault, since committed output only grows.
 *
 * <p>A bounded run that has FINISHED is checked for every key's full range instead.
 */
final class Verdicts {

  private final ScenarioContext context;

  Verdicts(ScenarioContext context) {
    this.context = context;
  }

  /** The verdict of every witness after {@code moreCheckpoints} (more if progress needs it). */
  CombinedVerdict after(int moreCheckpoints) {
    DeployedJob job = context.job();
    OutputContract contract = Verification.contractOf(job);
    Frontier baseline = null;
    int checkpoints = moreCheckpoints;
    if (finishedBoundedRun(job, contract)) {
      checkpoints = 0;
    } else if (context.disrupted()) {
      awaitRunningAgain(job);
      baseline = Verification.frontier(contract, context.cluster().storage());
      checkpoints = ProgressWait.of(job.spec(), contract.keys()).checkpoints(moreCheckpoints);
      context.log(
          "progress baseline: committed frontier "
              + baseline
              + " once the job ran again; every key must commit past it within "
              + checkpoints
              + " checkpoints");
    }
    if (checkpoints > 0) {
      awaitMoreCheckpoints(job, checkpoints);
    }
    CombinedVerdict verdict = Verification.verify(job, context.cluster(), baseline);
    verdict.results().forEach(context::checked);
    verdict.disagreement().ifPresent(context::log);
    context.verdictReached(verdict);
    return verdict;
  }

  /** The last verdict of the scenario, or a new one now. */
  CombinedVerdict lastOrNow() {
    return context.lastVerdict().orElseGet(() -> after(0));
  }

  private boolean finishedBoundedRun(DeployedJob job, OutputContract contract) {
    if (contract.recordsPerKey() <= 0) {
      return false;
    }
    JobObservation observed = context.jobWaits().progress(job.jobId()).job();
    return observed.status() == JobStatus.FINISHED;
  }

  /** After a fault on this job: restored and fully running; after an upgrade: fully running. */
  private void awaitRunningAgain(DeployedJob job) {
    context
        .lastFaultOnTheJob()
        .ifPresentOrElse(
            context::awaitRunningAfter,
            () -> context.jobWaits().fullyRunning(job.jobId(), Bounds.DEPLOY));
  }

  private void awaitMoreCheckpoints(DeployedJob job, int more) {
    long now = context.jobWaits().progress(job.jobId()).checkpoints().completed();
    context.jobWaits().checkpointsCompleted(job.jobId(), now + more, Bounds.checkpoints(more));
  }
}
