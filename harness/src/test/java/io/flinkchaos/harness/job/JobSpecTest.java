package io.flinkchaos.harness.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSpecTest {

  private final JobSpec spec =
      new JobSpec(
          "sequence-job",
          "v1",
          Path.of("jobs.jar"),
          "Main",
          List.of("--output", "file:/out", "--rate", "1000"),
          2,
          Map.of("execution.checkpointing.interval", "1000 ms"),
          false,
          new OutputContract(URI.create("file:/out"), 64, 0, null));

  @Test
  void readsAProgramArgumentAndTheCheckpointInterval() {
    assertThat(spec.argument("rate")).contains("1000");
    assertThat(spec.argument("keys")).isEmpty();
    assertThat(spec.checkpointInterval()).contains(Duration.ofSeconds(1));
  }

  @Test
  void setsAnArgumentInPlaceOrAppendsIt() {
    assertThat(spec.withArg("rate", "20").args())
        .containsExactly("--output", "file:/out", "--rate", "20");
    assertThat(spec.withArg("records-per-key", "250").args())
        .containsExactly("--output", "file:/out", "--rate", "1000", "--records-per-key", "250");
  }

  @Test
  void aBoundedContractKeepsEverythingElse() {
    JobSpec bounded =
        spec.withOutputContract(new OutputContract(URI.create("file:/out"), 64, 250, null));
    assertThat(bounded.output().recordsPerKey()).isEqualTo(250);
    assertThat(bounded.args()).isEqualTo(spec.args());
    assertThat(bounded.parallelism()).isEqualTo(2);
  }

  @Test
  void aRescaleAndAConfigurationChangeKeepEverythingElse() {
    JobSpec rescaled = spec.withParallelism(4);
    JobSpec reconfigured = spec.withFlinkConfiguration("execution.checkpointing.interval", "5 ms");

    assertThat(rescaled.parallelism()).isEqualTo(4);
    assertThat(rescaled).usingRecursiveComparison().ignoringFields("parallelism").isEqualTo(spec);
    assertThat(reconfigured.checkpointInterval()).contains(Duration.ofMillis(5));
    assertThat(reconfigured)
        .usingRecursiveComparison()
        .ignoringFields("flinkConfiguration")
        .isEqualTo(spec);
  }

  @Test
  void writesTheCheckpointIntervalAsItReadsIt() {
    assertThat(JobSpec.checkpointing(Duration.ofMillis(1500)))
        .containsExactly(Map.entry(JobSpec.CHECKPOINT_INTERVAL, "1500 ms"));
    assertThat(spec.withCheckpointInterval(Duration.ofSeconds(3)).checkpointInterval())
        .contains(Duration.ofSeconds(3));
  }
}
