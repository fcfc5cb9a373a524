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
import io.flinkchaos.harness.job.JobRate;
import io.flinkchaos.harness.job.OutputContract;
import io.flinkchaos.harness.wait.Bounds;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.Assertions;

/**
 * Steps that check a job's committed output with its witnesses. After a fault or an upgrade every
 * verdict also requires progress (see {@link Verdicts}).
 */
public final class OutputSteps {

  private final ScenarioContext context;
  private final Verdicts verdicts;

  public OutputSteps(ScenarioContext context) {
    this.context = context;
    this.verdicts = new Verdicts(context);
  }

  @Then(
      "after {int} more checkpoint(s) the committed output has no gaps, no duplicates and no state"
          + " resets")
  public void afterMoreCheckpointsOutputIsExactlyOnce(int more) {
    assertExactlyOnce(verdicts.after(more));
  }

  @Then("the committed output so far is exactly-once")
  public void committedOutputSoFarIsExactlyOnce() {
    assertExactlyOnce(verdicts.after(0));
  }

  @Then("after {int} more checkpoint(s) the verdict is {verdict} with no anomalies")
  public void afterMoreCheckpointsVerdictWithoutAnomalies(int more, Verdict expected) {
    assertVerdictWithoutAnomalies(verdicts.after(more), expected);
  }

  @Then("after {int} more checkpoint(s) the verdict is {verdict} with {anomaly}")
  public void afterMoreCheckpointsVerdictWith(int more, Verdict expected, AnomalyCategory anomaly) {
    assertVerdict(verdicts.after(more), expected, anomaly);
  }

  @Then("after {int} more checkpoint(s) the verdict is {verdict}")
  public void afterMoreCheckpointsVerdict(int more, Verdict expected) {
    CombinedVerdict verdict = verdicts.after(more);
    context.expected(expected, verdict.results());
    assertThat(verdict.verdict()).as(verdict.summary()).isEqualTo(expected);
  }

  @Then("the verdict is {verdict} with no anomalies")
  public void theVerdictIsWithoutAnomalies(Verdict expected) {
    assertVerdictWithoutAnomalies(verdicts.after(0), expected);
  }

  @Then("the verdict is {verdict} with {anomaly}")
  public void theVerdictIs(Verdict expected, AnomalyCategory anomaly) {
    assertVerdict(verdicts.after(0), expected, anomaly);
  }

  @Then("the verdict is {verdict}")
  public void theVerdictIs(Verdict expected) {
    CombinedVerdict verdict = verdicts.after(0);
    context.expected(expected, verdict.results());
    assertThat(verdict.verdict()).as(verdict.summary()).isEqualTo(expected);
  }

  @Then("the final output has every key's records exactly once")
  public void finalOutputComplete() {
    OutputContract contract = Verification.contractOf(context.job());
    assertThat(contract.recordsPerKey())
        .as("%s is unbounded: run it with 'and N records per key' for a final check", context.job())
        .isPositive();
    CombinedVerdict verdict = verdicts.after(0);
    context.expected(Verdict.VALID, verdict.results());
    assertThat(verdict.verdict()).as(verdict.summary()).isEqualTo(Verdict.VALID);
    CheckResult output = verdict.results().get(0);
    assertThat(output.records())
        .as(
            "every key's seqs 0..%d exactly once: %s",
            contract.recordsPerKey() - 1, output.summary())
        .isEqualTo(contract.keys() * contract.recordsPerKey());
  }

  /**
   * The output checker's final check alone, for a bounded job restored from the checkpoint its
   * sequence ended with: the restored job has no record left to process, so its in-job witness
   * writes no start marker and can vouch for nothing (UNKNOWN, by design).
   */
  @Then("the final output has every key's records exactly once, by the output checker alone")
  public void finalOutputCompleteByTheOutputChecker() {
    OutputContract contract = Verification.contractOf(context.job());
    assertThat(contract.recordsPerKey())
        .as("%s is unbounded: run it with 'and N records per key' for a final check", context.job())
        .isPositive();
    CheckResult output = Verification.outputCheck(contract, context.cluster().storage());
    context.checked(output);
    assertThat(output.verdict()).as(output.summary()).isEqualTo(Verdict.VALID);
    assertThat(output.records())
        .as(
            "every key's seqs 0..%d exactly once: %s",
            contract.recordsPerKey() - 1, output.summary())
        .isEqualTo(contract.keys() * contract.recordsPerKey());
  }

  @Then("the checker reports {anomaly}")
  public void theCheckerReports(AnomalyCategory anomaly) {
    CheckResult result =
        Verification.outputCheck(
            Verification.contractOf(context.job()), context.cluster().storage());
    context.checked(result);
    context.expected(Verdict.INVALID, List.of(result));
    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomaliesOf(anomaly))
        .as("%s anomalies named by key and seq range in: %s", anomaly.label(), result.summary())
        .isNotEmpty();
  }

  @Then("every key switched from {word} to {word} exactly once")
  public void everyKeySwitched(String from, String to) {
    CheckResult result = exactlyOnceAcross(from, to);
    assertThat(result.versions()).as(result.summary()).containsExactly(from, to);
  }

  /**
   * An upgrade that did not take effect: the committed output is exactly-once and every key is
   * still written by {@code from} alone (a JobManager that recovered the old job from HA metadata
   * kept running it).
   */
  @Then("no key switched from {word} to {word}: the old job kept running")
  public void noKeySwitched(String from, String to) {
    CheckResult result = exactlyOnceAcross(from, to);
    assertThat(result.versions()).as(result.summary()).containsExactly(from);
  }

  /** The output checker over versions {@code from} then {@code to}; VALID asserted. */
  private CheckResult exactlyOnceAcross(String from, String to) {
    OutputContract contract = Verification.contractOf(context.job());
    CheckResult result =
        SequenceChecker.forKeys(contract.keys())
            .withVersions(List.of(from, to))
            .check(Verification.committedOutput(contract.location(), context.cluster().storage()));
    context.checked(result);
    context.expected(Verdict.VALID, List.of(result));
    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
    return result;
  }

  @Given("at least {int} records have been committed")
  public void atLeastRecordsCommitted(long records) {
    DeployedJob job = context.job();
    OutputContract contract = Verification.contractOf(job);
    Duration budget =
        Bounds.recordsCommitted(
            JobRate.of(job.spec()).map(r -> r.timeToEmit(records)).orElse(Duration.ZERO));
    CheckResult result =
        Waits.until(
            records + " committed records of " + job,
            budget,
            () -> Verification.outputCheck(contract, context.cluster().storage()),
            r -> r.records() >= records,
            r -> context.jobWaits().progress(job.jobId()).job().isTerminal() ? "job ended" : null);
    context.log("committed records: " + result.records());
  }

  private void assertExactlyOnce(CombinedVerdict verdict) {
    context.expected(Verdict.VALID, verdict.results());
    if (verdict.verdict() != Verdict.VALID) {
      Assertions.fail(verdict.summary());
    }
  }

  private void assertVerdictWithoutAnomalies(CombinedVerdict verdict, Verdict expected) {
    context.expected(expected, verdict.results());
    assertThat(verdict.verdict()).as(verdict.summary()).isEqualTo(expected);
    assertThat(verdict.categories()).as(verdict.summary()).isEmpty();
  }

  private void assertVerdict(CombinedVerdict verdict, Verdict expected, AnomalyCategory anomaly) {
    context.expected(expected, verdict.results());
    assertThat(verdict.verdict()).as(verdict.summary()).isEqualTo(expected);
    assertThat(verdict.has(anomaly))
        .as("%s reported in: %s", anomaly.label(), verdict.summary())
        .isTrue();
  }
}
