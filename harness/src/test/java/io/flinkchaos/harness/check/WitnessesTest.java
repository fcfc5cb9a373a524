package io.flinkchaos.harness.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitnessesTest {

  @TempDir Path dir;

  private CommittedOutput records(List<String> lines) throws IOException {
    OutputLines.write(dir, "records/part-0-0", lines);
    return new FileCommittedOutput(dir.resolve("records"));
  }

  private CommittedOutput witness(String... lines) throws IOException {
    OutputLines.write(dir, "witness/part-0-0", List.of(lines));
    return new FileCommittedOutput(dir.resolve("witness"));
  }

  @Test
  void checksEachWitnessOnItsOwnOutputInTheOrderAdded() throws IOException {
    CombinedVerdict verdict =
        Witnesses.of(SequenceChecker.forKeys(2), records(OutputLines.clean(2, 0, 9, "v1")))
            .and(new WitnessChecker(), witness("0,0,0,witness-started"))
            .check();

    assertThat(verdict.results())
        .extracting(CheckResult::checker)
        .containsExactly(SequenceChecker.NAME, WitnessChecker.NAME);
    assertThat(verdict.verdict()).isEqualTo(Verdict.VALID);
    assertThat(verdict.results().get(0).records()).isEqualTo(20);
  }

  @Test
  void theWorstWitnessDecides() throws IOException {
    CombinedVerdict verdict =
        Witnesses.of(SequenceChecker.forKeys(2), records(OutputLines.clean(2, 0, 9, "v1")))
            .and(new WitnessChecker(), witness("0,0,0,witness-started", "1,5,7,lost"))
            .check();

    assertThat(verdict.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(verdict.disagreement()).isPresent();
  }

  @Test
  void oneWitnessAloneIsAVerdict() throws IOException {
    CombinedVerdict verdict =
        Witnesses.of(new WitnessChecker(), new FileCommittedOutput(dir.resolve("none"))).check();

    assertThat(verdict.results())
        .singleElement()
        .extracting(CheckResult::verdict)
        .isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void addingAWitnessLeavesTheOriginalUnchanged() throws IOException {
    Witnesses one =
        Witnesses.of(SequenceChecker.anyKeys(), records(OutputLines.clean(1, 0, 0, "v1")));
    one.and(new WitnessChecker(), witness("0,0,0,witness-started"));

    assertThat(one.check().results()).hasSize(1);
  }

  @Test
  void theCheckersNameThemselvesAsTheirResultsDo() {
    assertThat(List.<Checker>of(SequenceChecker.anyKeys(), new WitnessChecker()))
        .extracting(Checker::name)
        .containsExactly(SequenceChecker.NAME, WitnessChecker.NAME);
  }

  @Test
  void aWitnessNeedsACheckerAndAnOutput() {
    assertThatThrownBy(() -> Witnesses.of(null, new FileCommittedOutput(dir)))
        .isInstanceOf(NullPointerException.class);
  }
}
