package io.flinkchaos.harness.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CombinedVerdictTest {

  private static CheckResult result(String checker, Verdict verdict, AnomalyCategory... found) {
    Map<AnomalyCategory, Long> ranges = new java.util.EnumMap<>(AnomalyCategory.class);
    for (AnomalyCategory category : found) {
      ranges.put(category, 1L);
    }
    return new CheckResult(
        checker,
        verdict,
        "file:/out",
        "n records",
        1,
        1,
        1,
        List.of(),
        List.of(),
        ranges,
        ranges,
        "",
        Frontier.empty());
  }

  @Test
  void worstVerdictWins() {
    assertThat(
            new CombinedVerdict(
                    List.of(
                        result("a", Verdict.VALID),
                        result("b", Verdict.UNKNOWN),
                        result("c", Verdict.INVALID, AnomalyCategory.LOST)))
                .verdict())
        .isEqualTo(Verdict.INVALID);
    assertThat(
            new CombinedVerdict(List.of(result("a", Verdict.VALID), result("b", Verdict.UNKNOWN)))
                .verdict())
        .isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void disagreementNamesEachWitnessAndWhatItSaw() {
    CombinedVerdict verdict =
        new CombinedVerdict(
            List.of(
                result("output checker", Verdict.INVALID, AnomalyCategory.LOST),
                result("in-job witness", Verdict.VALID)));

    assertThat(verdict.disagreement())
        .contains("witnesses disagree: output checker INVALID (lost) vs in-job witness VALID");
    assertThat(verdict.summary()).startsWith("INVALID: ").endsWith("in-job witness VALID");
  }

  @Test
  void agreeingWitnessesReportNoDisagreement() {
    CombinedVerdict verdict =
        new CombinedVerdict(
            List.of(
                result("a", Verdict.INVALID, AnomalyCategory.STATE_RESET),
                result("b", Verdict.INVALID, AnomalyCategory.STATE_RESET)));

    assertThat(verdict.disagreement()).isEmpty();
    assertThat(verdict.has(AnomalyCategory.STATE_RESET)).isTrue();
  }

  @Test
  void needsAtLeastOneCheck() {
    assertThatThrownBy(() -> new CombinedVerdict(List.of()))
        .hasMessageContaining("at least one check");
  }
}
