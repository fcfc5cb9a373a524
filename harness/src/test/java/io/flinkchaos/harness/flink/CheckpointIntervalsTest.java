package io.flinkchaos.harness.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointIntervalsTest {

  @Test
  void theGapsBetweenTriggersShortestFirst() {
    CheckpointIntervals intervals = CheckpointIntervals.between(List.of(0L, 1000L, 3000L, 3900L));

    assertThat(intervals.gapsMillis()).containsExactly(900L, 1000L, 2000L);
    assertThat(intervals.count()).isEqualTo(3);
  }

  @Test
  void oneSkippedTriggerDoesNotMoveTheMedian() {
    CheckpointIntervals intervals =
        CheckpointIntervals.between(List.of(0L, 1000L, 2000L, 4000L, 5000L));

    assertThat(intervals.medianMillis()).isEqualTo(1000);
  }

  @Test
  void anEvenCountTakesTheUpperMedian() {
    assertThat(CheckpointIntervals.between(List.of(0L, 100L, 300L)).medianMillis()).isEqualTo(200);
  }

  @Test
  void fewerThanTwoTriggersHaveNoMedian() {
    CheckpointIntervals none = CheckpointIntervals.between(List.of(5L));

    assertThat(none.count()).isZero();
    assertThatThrownBy(none::medianMillis).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void acceptsFrom80To150PercentOfTheConfiguredInterval() {
    assertThat(CheckpointIntervals.shortestAcceptedMillis(Duration.ofSeconds(2))).isEqualTo(1600);
    assertThat(CheckpointIntervals.longestAcceptedMillis(Duration.ofSeconds(2))).isEqualTo(3000);
  }
}
