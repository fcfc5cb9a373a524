package io.flinkchaos.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleVerdictReporterTest {

  @Test
  void aFailureIsShownByItsFirstLine() {
    assertThat(
            ConsoleVerdictReporter.firstLine(
                new IllegalStateException("Timed out after 60 s\n\tat x.y(Z.java:1)")))
        .isEqualTo("Timed out after 60 s");
  }

  @Test
  void aFirstLineThatOnlyIntroducesTheRestIsJoinedWithIt() {
    AssertionError assertJ =
        new AssertionError("\nExpecting actual:\n  \"job RUNNING\"\nto contain:\n  \"FAILED\" ");

    assertThat(ConsoleVerdictReporter.firstLine(assertJ))
        .isEqualTo("Expecting actual: \"job RUNNING\" to contain: \"FAILED\"");
  }
}
