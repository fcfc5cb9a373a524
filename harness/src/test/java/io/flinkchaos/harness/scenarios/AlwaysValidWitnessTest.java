package io.flinkchaos.harness.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.FileCommittedOutput;
import io.flinkchaos.harness.check.OutputLines;
import io.flinkchaos.harness.check.SequenceChecker;
import io.flinkchaos.harness.check.Verdict;
import io.flinkchaos.harness.check.WitnessChecker;
import io.flinkchaos.harness.steps.WitnessStandIn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlwaysValidWitnessTest {

  @TempDir Path output;

  @AfterEach
  void disarm() {
    AlwaysValidWitness.disarm();
  }

  @Test
  void unarmedItChangesNothing() throws Exception {
    CheckResult duplicated = duplicatedOutput();
    assertThat(WitnessStandIn.apply(duplicated)).isSameAs(duplicated);
  }

  @Test
  void armedItReplacesOnlyTheNamedWitness() throws Exception {
    CheckResult duplicated = duplicatedOutput();
    AlwaysValidWitness.arm(WitnessChecker.NAME);
    assertThat(WitnessStandIn.apply(duplicated)).isSameAs(duplicated);
    AlwaysValidWitness.arm(SequenceChecker.NAME);
    CheckResult stoodIn = WitnessStandIn.apply(duplicated);
    assertThat(stoodIn.verdict()).isEqualTo(Verdict.VALID);
    assertThat(stoodIn.anomalies()).isEmpty();
    assertThat(stoodIn.summary()).contains(SequenceChecker.NAME, "stand-in");
  }

  private CheckResult duplicatedOutput() throws Exception {
    List<String> lines = new ArrayList<>(OutputLines.clean(2, 0, 9, "v1"));
    lines.add("0,5,6,v1");
    OutputLines.write(output, "part-0-0", lines);
    CheckResult result = SequenceChecker.forKeys(2).check(new FileCommittedOutput(output));
    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    return result;
  }
}
