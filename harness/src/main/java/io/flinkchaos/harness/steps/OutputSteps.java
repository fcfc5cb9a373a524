package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.flinkchaos.harness.check.AnomalyCategory;
import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.CombinedVerdict;
import io.flinkchaos.harness.check.SequenceChecker;
import io.flinkchaos.harness.check.Verdict;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.OutputContract;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.Assertions;

/** Steps that check a job's committed output with its witnesses. */
public final class OutputSteps {

  private final ScenarioContext context;

  public OutputSteps(ScenarioContext context) {
    this.context = context;
  }

  @Then(
      "after {int} more checkpoint(s) the committed output has no gaps, no duplicates and no state"
          + " resets")
  public void afterMoreCheckpointsOutputIsExactlyOnce(int more) {
    awaitMoreCheckpoints(more);
    assertExactlyOnce(verify());
  }

  @Then("the committed output so far is exactly-once")
  public void committedOutputSoFarIsExactlyOnce() {
    assertExactlyOnce(verify());
  }

  @Then("after {int} more checkpoint(s) the verdict is {verdict} with no anomalies")
  public void afterMoreCheckpointsVerdictWithoutAnomalies(int more, Verdict expected) {
    awaitMoreCheckpoints(more);
    CombinedVerdict verdict = verify();
    assertThat(verdict.verdict()).as(verdict.summary()).isEqualTo(expected);
    assertThat(verdict.categories()).as(verdict.summary()).isEmpty();
  }

  @Then("after {int} more checkpoint(s) the verdict is {verdict} with {anomaly}")
  public void afterMoreCheckpointsVerdictWith(int more, Verdict expected, AnomalyCategory anomaly) {
    awaitMoreCheckpoints(more);
    assertVerdict(verify(), expected, anomaly);
  }

  @Then("the verdict is {verdict} with no anomalies")
  public void theVerdictIsWithoutAnomalies(Verdict expected) {
    CombinedVerdict verdict = verify();
    assertThat(verdict.verdict()).as(verdict.summary()).isEqualTo(expected);
    assertThat(verdict.categories()).as(verdict.summary()).isEmpty();
  }

  @Then("the verdict is {verdict} with {anomaly}")
  public void theVerdictIs(Verdict expected, AnomalyCategory anomaly) {
    assertVerdict(verify(), expected, anomaly);
  }

  @Then("the checker reports {anomaly}")
  public void theCheckerReports(AnomalyCategory anomaly) {
    CheckResult result =
        Verification.outputCheck(
            Verification.contractOf(context.job()), context.cluster().storage());
    context.checked(result);
    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomaliesOf(anomaly))
        .as("%s anomalies named by key and seq range in: %s", anomaly.label(), result.summary())
        .isNotEmpty();
  }

  @Then("every key switched from {word} to {word} exactly once")
  public void everyKeySwitched(String from, String to) {
    OutputContract contract = Verification.contractOf(context.job());
    CheckResult result =
        SequenceChecker.forKeys(contract.keys())
            .withVersions(List.of(from, to))
            .check(context.cluster().storage().committedOutput(contract.location()));
    context.checked(result);
    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
    assertThat(result.versions()).as(result.summary()).containsExactly(from, to);
  }

  @Given("at least {int} records have been committed")
  public void atLeastRecordsCommitted(long records) {
    DeployedJob job = context.job();
    OutputContract contract = Verification.contractOf(job);
    Duration budget =
        Duration.ofSeconds(60).plusSeconds(records / Math.max(1, recordsPerSecond(job)));
    CheckResult result =
        Waits.until(
            records + " committed records of " + job,
            budget,
            () -> Verification.outputCheck(contract, context.cluster().storage()),
            r -> r.records() >= records,
            r -> context.jobWaits().progress(job.jobId()).job().isTerminal() ? "job ended" : null);
    context.log("committed records: " + result.records());
  }

  private static long recordsPerSecond(DeployedJob job) {
    int index = job.spec().args().indexOf("--rate");
    return index < 0 ? 1000 : Long.parseLong(job.spec().args().get(index + 1));
  }

  private void awaitMoreCheckpoints(int more) {
    DeployedJob job = context.job();
    long now = context.jobWaits().progress(job.jobId()).checkpoints().completed();
    context
        .jobWaits()
        .checkpointsCompleted(job.jobId(), now + more, JobSteps.checkpointBudget(more));
  }

  private CombinedVerdict verify() {
    CombinedVerdict verdict = Verification.verify(context.job(), context.cluster().storage());
    verdict.results().forEach(context::checked);
    verdict.disagreement().ifPresent(context::log);
    return verdict;
  }

  private static void assertExactlyOnce(CombinedVerdict verdict) {
    if (verdict.verdict() != Verdict.VALID) {
      Assertions.fail(verdict.summary());
    }
  }

  private static void assertVerdict(
      CombinedVerdict verdict, Verdict expected, AnomalyCategory anomaly) {
    assertThat(verdict.verdict()).as(verdict.summary()).isEqualTo(expected);
    assertThat(verdict.has(anomaly))
        .as("%s reported in: %s", anomaly.label(), verdict.summary())
        .isTrue();
  }
}
