package io.flinkchaos.harness.wait;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BoundsTest {

  @Test
  void checkpointsGetThirtySecondsAndFiveMoreEach() {
    assertThat(Bounds.checkpoints(0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Bounds.checkpoints(1)).isEqualTo(Duration.ofSeconds(35));
    assertThat(Bounds.checkpoints(4)).isEqualTo(Duration.ofSeconds(50));
  }

  @Test
  void aClaimedBoundIsAwaitedThirtySecondsLonger() {
    assertThat(Bounds.withSightingSlack(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(50));
    assertThat(Bounds.withSightingSlack(Bounds.checkpoints(2))).isEqualTo(Duration.ofSeconds(70));
  }

  @Test
  void committedRecordsGetAMinuteAndTheTimeToEmitThem() {
    assertThat(Bounds.recordsCommitted(Duration.ZERO)).isEqualTo(Duration.ofSeconds(60));
    assertThat(Bounds.recordsCommitted(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(65));
  }
}
