package io.flinkchaos.harness.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.flink.TestingFlinkRest;
import io.flinkchaos.harness.job.UserJobs;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestSubmissionTest {

  private final TestingFlinkRest flink =
      new TestingFlinkRest(2, Clock.systemUTC(), "file:/testing-flink/checkpoints");

  @Test
  void aJarInsideTheClusterIsRefusedInOneLineBeforeAnythingIsSubmitted() {
    var inCluster =
        UserJobs.specInCluster(
            "local:///opt/flink/usrlib/enricher.jar",
            "com.example.Enricher",
            "",
            2,
            Duration.ofSeconds(1),
            URI.create("s3://b/out"));

    assertThatThrownBy(() -> RestSubmission.submit(flink, inCluster, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("which Flink's REST API cannot run")
        .hasMessageNotContaining("\n");
    assertThat(flink.submitted()).isEmpty();
  }
}
