package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.CombinedVerdict;
import io.flinkchaos.harness.check.Verdict;

/**
 * Steps that hold one witness to its own finding, so that neither witness can hide behind the
 * other: the combined verdict is INVALID if either one is.
 */
public final class WitnessSteps {

  private final ScenarioContext context;
  private final Verdicts verdicts;

  public WitnessSteps(ScenarioContext context) {
    this.context = context;
    this.verdicts = new Verdicts(context);
  }

  /** On the scenario's last verdict (or one taken now): INVALID naming the finding, or VALID. */
  @Then("the {witness} reports {finding}")
  public void theWitnessReports(String witness, WitnessFinding finding) {
    if (finding.notAsserted()) {
      context.log(witness + ": not asserted (the defect is out of its sight)");
      return;
    }
    CheckResult result = resultOf(witness, verdicts.lastOrNow());
    context.expected(
        finding.anomaly().isEmpty() ? Verdict.VALID : Verdict.INVALID, java.util.List.of(result));
    if (finding.anomaly().isEmpty()) {
      assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
      assertThat(result.rangesByCategory()).as(result.summary()).isEmpty();
      return;
    }
    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomaliesOf(finding.anomaly().get()))
        .as(
            "%s named by key and seq range in: %s",
            finding.anomaly().get().label(), result.summary())
        .isNotEmpty();
  }

  @Then("the {witness} is {verdict}")
  public void theWitnessIs(String witness, Verdict expected) {
    CheckResult result = resultOf(witness, verdicts.lastOrNow());
    context.expected(expected, java.util.List.of(result));
    assertThat(result.verdict()).as(result.summary()).isEqualTo(expected);
  }

  private static CheckResult resultOf(String witness, CombinedVerdict verdict) {
    return verdict.results().stream()
        .filter(r -> r.checker().equals(witness))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the job has no "
                        + witness
                        + " (witnesses: "
                        + verdict.results().stream().map(CheckResult::checker).toList()
                        + "): only the sequence job and its mutants run the in-job witness"));
  }
}
