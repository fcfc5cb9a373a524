package io.flinkchaos.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.flink.InProgressSnapshot;
import io.flinkchaos.harness.flink.InProgressSnapshot.Kind;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

class MomentTest {

  private static FaultLanding landing(long lastCompleted, InProgressSnapshot... inProgress) {
    return new FaultLanding(
        Instant.now(),
        null,
        JobStatus.RUNNING,
        List.of(inProgress),
        lastCompleted,
        new TreeSet<>(List.of(1, 2)));
  }

  @Test
  void betweenCheckpointsMeansTheAwaitedOneCompletedAndNoneIsInProgress() {
    assertThat(Moment.isBetweenCheckpoints(landing(7), 7)).isTrue();
    assertThat(Moment.isBetweenCheckpoints(landing(8), 7)).isTrue();
    assertThat(
            Moment.isBetweenCheckpoints(
                landing(7, new InProgressSnapshot(42, Kind.SAVEPOINT, 0)), 7))
        .as("a savepoint in progress does not hold the next checkpoint")
        .isTrue();
  }

  @Test
  void aCheckpointInProgressOrAnUnknownLandingIsNotBetweenCheckpoints() {
    assertThat(
            Moment.isBetweenCheckpoints(
                landing(7, new InProgressSnapshot(8, Kind.CHECKPOINT, 0)), 7))
        .isFalse();
    assertThat(Moment.isBetweenCheckpoints(landing(6), 7)).isFalse();
    assertThat(
            Moment.isBetweenCheckpoints(FaultLanding.unknown(Instant.now(), "JobManager down"), 7))
        .isFalse();
  }
}
