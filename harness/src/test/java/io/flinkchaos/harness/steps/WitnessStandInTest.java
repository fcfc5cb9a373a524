package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.Checker;
import io.flinkchaos.harness.check.CommittedOutput;
import io.flinkchaos.harness.check.FileCommittedOutput;
import io.flinkchaos.harness.check.WitnessChecker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitnessStandInTest {

  @TempDir Path dir;

  /** Unarmed, the test classpath's stand-in passes every result through unchanged. */
  @Test
  void aCheckerAroundTheStandInsKeepsItsNameAndItsResult() {
    CommittedOutput output = new FileCommittedOutput(dir);
    Checker real = new WitnessChecker();
    Checker seen = WitnessStandIn.around(real);

    CheckResult result = seen.check(output);

    assertThat(seen.name()).isEqualTo(real.name());
    assertThat(result).isEqualTo(real.check(output));
  }
}
