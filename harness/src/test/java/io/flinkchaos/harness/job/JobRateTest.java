package io.flinkchaos.harness.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobRateTest {

  private static JobSpec withArgs(String... args) {
    return new JobSpec(
        "job", "v1", Path.of("job.jar"), "Main", List.of(args), 1, Map.of(), false, null);
  }

  @Test
  void readsTheRateArgument() {
    assertThat(JobRate.of(withArgs("--keys", "64", "--rate", "250")))
        .map(JobRate::recordsPerSecond)
        .contains(250.0);
  }

  @Test
  void aJobWithoutANumericRateHasNone() {
    assertThat(JobRate.of(withArgs("--keys", "64"))).isEmpty();
    assertThat(JobRate.of(withArgs("--rate", "fast"))).isEmpty();
    assertThat(JobRate.of(withArgs("--rate", "NaN"))).isEmpty();
    assertThat(JobRate.of(withArgs("--rate"))).isEmpty();
  }

  @Test
  void timeToEmitCountsWholeSecondsAndAtLeastOneRecordPerSecond() {
    assertThat(new JobRate(1000).timeToEmit(2500)).isEqualTo(Duration.ofSeconds(2));
    assertThat(new JobRate(0.5).timeToEmit(30)).isEqualTo(Duration.ofSeconds(30));
    assertThat(new JobRate(1000).timeToEmit(999)).isZero();
  }
}
