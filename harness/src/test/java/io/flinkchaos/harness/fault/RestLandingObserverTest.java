package io.flinkchaos.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.flink.FlinkRestClient;
import io.flinkchaos.harness.flink.LastCheckpoints;
import io.flinkchaos.harness.platform.TestingFlinkCluster;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;

class RestLandingObserverTest {

  @Test
  void aJobManagerThatRefusesGivesAnUnknownLandingWithTheReason() {
    LastCheckpoints lastCheckpoints = new LastCheckpoints();
    JobID job = new JobID();

    FaultLanding landing =
        new RestLandingObserver(TestingFlinkCluster.restDown(), lastCheckpoints).observe(job);

    assertThat(landing.known()).isFalse();
    assertThat(landing.toString())
        .startsWith("unknown: JobManager unreachable (GET /jobs/")
        .contains("Connection refused");
    assertThat(landing.lastCompletedId()).isEqualTo(-1);
    assertThat(landing.jobRunning()).isFalse();
    assertThat(lastCheckpoints.of(job)).isEmpty();
  }

  @Test
  void aJobManagerThatDoesNotAnswerGivesAnUnknownLandingWithinTheBound() {
    Instant start = Instant.now();

    FaultLanding landing =
        new RestLandingObserver(
                TestingFlinkCluster.restHung(FlinkRestClient.REQUEST_TIMEOUT),
                new LastCheckpoints(),
                Duration.ofMillis(300))
            .observe(new JobID());

    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
    assertThat(landing)
        .hasToString("unknown: JobManager unreachable (no REST answer within 300 ms)");
  }
}
