package io.flinkchaos.harness.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SequenceJobsTest {

  private final JobSpec v1 =
      SequenceJobs.spec(
          JobVariant.SEQUENCE,
          Path.of("jobs.jar"),
          URI.create("s3://bucket/out/1-sequence"),
          2,
          Duration.ofSeconds(1),
          5000);

  @Test
  void specWritesRecordsAndWitnessUnderTheOutputBase() {
    assertThat(v1.args())
        .containsSubsequence("--output", "s3://bucket/out/1-sequence/records")
        .containsSubsequence("--witness-output", "s3://bucket/out/1-sequence/witness")
        .containsSubsequence("--rate", "5000")
        .containsSubsequence("--version", "v1")
        .doesNotContain("--mutation");
    assertThat(v1.flinkConfiguration())
        .containsEntry("execution.checkpointing.interval", "1000 ms");
    assertThat(v1.output().keys()).isEqualTo(SequenceJobs.KEYS);
    assertThat(v1.allowNonRestoredState()).isFalse();
  }

  @Test
  void upgradeToAVariantKeepsOutputRateAndParallelismAndReplacesVariantArguments() {
    JobSpec mutant = SequenceJobs.as(JobVariant.AT_LEAST_ONCE, v1.withParallelism(4));
    JobSpec renamed = SequenceJobs.as(JobVariant.UID_CHANGE, mutant);

    assertThat(mutant.args()).containsSubsequence("--mutation", "at-least-once");
    assertThat(renamed.args())
        .doesNotContain("--mutation")
        .containsSubsequence("--counter-uid", "per-key-count-renamed")
        .containsSubsequence("--version", "v2")
        .containsSubsequence("--rate", "5000")
        .containsSubsequence("--output", "s3://bucket/out/1-sequence/records");
    assertThat(renamed.parallelism()).isEqualTo(4);
    assertThat(renamed.version()).isEqualTo("v2");
    assertThat(renamed.allowNonRestoredState()).isTrue();
    assertThat(renamed.output()).isEqualTo(v1.output());
  }

  @Test
  void everyMutantIsRegisteredByItsMutationName() {
    for (String name :
        new String[] {
          "silent-after-restore",
          "eager-sink",
          "forgetful-committer",
          "rewinding-source",
          "skipping-source",
          "late-duplicate",
          "mute-witness"
        }) {
      JobSpec mutant =
          SequenceJobs.spec(
              JobVariant.fromLabel(name),
              v1.jar(),
              URI.create("file:///out"),
              2,
              Duration.ofSeconds(1),
              1000);
      assertThat(mutant.args()).as(name).containsSubsequence("--mutation", name);
      assertThat(SequenceJobs.as(JobVariant.SEQUENCE, mutant).args()).doesNotContain("--mutation");
    }
    assertThat(JobVariant.fromLabel("late-duplicate").version()).isEqualTo("v2");
    assertThat(SequenceJobs.as(JobVariant.EAGER_SINK, v1).allowNonRestoredState()).isTrue();
  }

  @Test
  void unknownVariantNamesTheKnownOnes() {
    assertThatThrownBy(() -> JobVariant.fromLabel("exactly-twice"))
        .hasMessageStartingWith(
            "unknown job 'exactly-twice': use one of sequence, v2, at-least-once");
  }
}
