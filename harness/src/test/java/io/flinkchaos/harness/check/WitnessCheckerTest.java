package io.flinkchaos.harness.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitnessCheckerTest {

  @TempDir Path output;

  private CheckResult check() {
    return new WitnessChecker().check(new FileCommittedOutput(output));
  }

  private void write(String name, String... lines) throws IOException {
    Files.write(output.resolve(name), List.of(lines));
  }

  @Test
  void witnessThatNeverCommittedIsUnknownNotValid() {
    assertThat(check().verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(check().summary()).contains("committed no start marker");
  }

  @Test
  void startMarkersWithoutViolationsAreValid() throws IOException {
    write("part-a-0-0", "0,0,0,witness-started");
    write("part-a-1-0", "1,0,0,witness-started");

    CheckResult result = check();

    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    assertThat(result.summary()).contains("0 violations seen inside the job over 2 task attempts");
  }

  @Test
  void adjacentViolationsOfOneKeyMergeIntoRanges() throws IOException {
    write(
        "part-a-0-0",
        "0,0,0,witness-started",
        "7,40,40,duplicated",
        "7,41,41,duplicated",
        "7,42,42,duplicated",
        "9,10,12,lost",
        "3,55,55,state-reset");

    CheckResult result = check();

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomalies())
        .extracting(Anomaly::toString)
        .containsExactly(
            "lost key 9 seq 10..12", "duplicated key 7 seq 40..42", "state reset key 3 seq 55");
  }

  @Test
  void unreadableWitnessLineIsUnexpected() throws IOException {
    write("part-a-0-0", "0,0,0,witness-started", "7,x,40,duplicated");

    assertThat(check().anomaliesOf(AnomalyCategory.UNEXPECTED))
        .singleElement()
        .satisfies(a -> assertThat(a.detail()).contains("unreadable witness line 2 of part-a-0-0"));
  }
}
