package io.flinkchaos.harness.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JobManager failover rebuilds the job under the same id with attempt numbers from 0 again: the
 * old generation's markers must not stand in for a witness that stopped after the failover.
 */
class WitnessCheckerFailoverTest {

  private static final String JOB = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f";

  @TempDir Path output;

  @Test
  void markersOfTheGenerationBeforeAJobManagerFailoverDoNotCount() throws IOException {
    Files.write(
        output.resolve("part-w-0-0"),
        List.of("0,0,1000," + "witness-started," + JOB, "1,0,1000," + "witness-started," + JOB));
    CheckResult afterFailover =
        new WitnessChecker()
            .requireStarted(JOB, Map.of(0, 0, 1, 0), 20_000)
            .check(new FileCommittedOutput(output));
    assertThat(afterFailover.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(afterFailover.summary()).contains("subtask 0 attempt 0", "started at or after");
  }

  @Test
  void markersOfTheNewGenerationCount() throws IOException {
    Files.write(
        output.resolve("part-w-0-0"),
        List.of(
            "0,0,1000,witness-started," + JOB,
            "1,0,1000,witness-started," + JOB,
            "0,0,21000,witness-started," + JOB,
            "1,0,21500,witness-started," + JOB));
    CheckResult afterFailover =
        new WitnessChecker()
            .requireStarted(JOB, Map.of(0, 0, 1, 0), 20_000)
            .check(new FileCommittedOutput(output));
    assertThat(afterFailover.verdict()).as(afterFailover.summary()).isEqualTo(Verdict.VALID);
  }
}
