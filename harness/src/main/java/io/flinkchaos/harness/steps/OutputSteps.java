package io.flinkchaos.harness.steps;

import io.cucumber.java.en.Then;
import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.SequenceChecker;
import io.flinkchaos.harness.check.Verdict;
import io.flinkchaos.harness.flink.JobProgress;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.OutputContract;
import org.assertj.core.api.Assertions;

/** Steps that check a job's committed output with the exactly-once checker. */
public final class OutputSteps {

  private final ScenarioContext context;

  public OutputSteps(ScenarioContext context) {
    this.context = context;
  }

  @Then(
      "after {int} more checkpoint(s) the committed output has no gaps, no duplicates and no state"
          + " resets")
  public void afterMoreCheckpointsOutputIsExactlyOnce(int more) {
    DeployedJob job = context.job();
    JobProgress now = context.jobWaits().progress(job.jobId());
    context
        .jobWaits()
        .checkpointsCompleted(
            job.jobId(), now.checkpoints().completed() + more, JobSteps.checkpointBudget(more));
    assertExactlyOnce(check(job));
  }

  CheckResult check(DeployedJob job) {
    OutputContract contract =
        job.spec()
            .outputContract()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        job.spec().name()
                            + " declares no output contract (key,seq[,count[,version]] lines):"
                            + " data checks need one, see README 'Checking your own job'"));
    SequenceChecker checker =
        contract.keys() > 0 ? SequenceChecker.forKeys(contract.keys()) : SequenceChecker.anyKeys();
    if (contract.recordsPerKey() > 0) {
      checker = checker.withRecordsPerKey(contract.recordsPerKey());
    }
    CheckResult result =
        checker.check(context.cluster().storage().committedOutput(contract.location()));
    context.checked(result);
    return result;
  }

  private static void assertExactlyOnce(CheckResult result) {
    if (result.verdict() != Verdict.VALID) {
      Assertions.fail(result.summary());
    }
  }
}
