package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.job.JobSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressWaitTest {

  @Test
  void theSequenceJobAtItsDefaultRateNeedsNoMoreThanTheScenarioAsks() {
    // 1000 records/s over 64 keys, a checkpoint a second: ~15 records per key per checkpoint.
    ProgressWait wait = ProgressWait.of(spec("1000", "1000 ms"), 64);
    assertThat(wait.checkpoints(3)).isEqualTo(3);
  }

  @Test
  void aSlowJobWaitsUntilEveryKeyReceivedRecords() {
    // 64 records/s over 64 keys: one record per key per checkpoint; 5 needed, plus a partial one.
    assertThat(ProgressWait.of(spec("64", "1000 ms"), 64).checkpoints(3)).isEqualTo(6);
  }

  @Test
  void anUnknownRateWaitsTheDefault() {
    JobSpec noRate = spec(null, "1000 ms");
    assertThat(ProgressWait.of(noRate, 64).checkpoints(0))
        .isEqualTo(ProgressWait.UNKNOWN_RATE_CHECKPOINTS);
    assertThat(ProgressWait.of(spec("not-a-number", "1000 ms"), 64).checkpoints(1))
        .isEqualTo(ProgressWait.UNKNOWN_RATE_CHECKPOINTS);
    assertThat(ProgressWait.of(spec("1000", "PT1S"), 64).checkpoints(1))
        .isEqualTo(ProgressWait.UNKNOWN_RATE_CHECKPOINTS);
  }

  private static JobSpec spec(String rate, String interval) {
    List<String> args = rate == null ? List.of("--keys", "64") : List.of("--rate", rate);
    return new JobSpec(
        "job",
        "v1",
        Path.of("job.jar"),
        "Main",
        args,
        2,
        Map.of("execution.checkpointing.interval", interval),
        false,
        null);
  }
}
