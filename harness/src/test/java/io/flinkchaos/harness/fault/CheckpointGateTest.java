package io.flinkchaos.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.flink.InProgressSnapshot;
import io.flinkchaos.harness.flink.InProgressSnapshot.Kind;
import io.flinkchaos.harness.wait.WaitTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CheckpointGateTest {

  private static final Duration DWELL = Duration.ofMillis(150);

  private static InProgressSnapshot checkpoint(long id) {
    return new InProgressSnapshot(id, Kind.CHECKPOINT, 0);
  }

  /** Reports checkpoint {@code id} in progress from the {@code from}-th read on, forever. */
  private static Callable<List<InProgressSnapshot>> inProgressFrom(int from, long id) {
    AtomicInteger reads = new AtomicInteger();
    return () -> reads.incrementAndGet() >= from ? List.of(checkpoint(id)) : List.of();
  }

  @Test
  void passesOnceOneCheckpointWasInProgressLongEnough() {
    CheckpointGate gate = new CheckpointGate(inProgressFrom(3, 12), DWELL);

    assertThat(gate.awaitDwelling(Duration.ofSeconds(5))).isEqualTo(checkpoint(12));
  }

  @Test
  void shortCheckpointsAndSavepointsDoNotPass() {
    AtomicInteger reads = new AtomicInteger();
    // a new checkpoint every read (each completes before the next), and a long savepoint
    CheckpointGate gate =
        new CheckpointGate(
            () -> {
              int read = reads.incrementAndGet();
              return List.of(checkpoint(read), new InProgressSnapshot(99, Kind.SAVEPOINT, 0));
            },
            DWELL);

    assertThatThrownBy(() -> gate.awaitDwelling(Duration.ofMillis(600)))
        .isInstanceOf(WaitTimeoutException.class)
        .hasMessageContaining("a checkpoint IN_PROGRESS for at least 150 ms")
        .hasMessageContaining("in progress for 0 ms");
  }

  @Test
  void retriesTheGateWhenTheCheckpointEndedBeforeTheFault() {
    AtomicLong current = new AtomicLong(1);
    CheckpointGate gate =
        new CheckpointGate(() -> List.of(checkpoint(current.get())), Duration.ofMillis(100));
    List<Long> attempts = new ArrayList<>();

    String landed =
        gate.land(
            Duration.ofSeconds(5),
            gated -> {
              attempts.add(gated.id());
              if (gated.id() == 1) {
                // the landing read shows checkpoint 1 completed, and checkpoint 2 started
                current.set(2);
                return Optional.empty();
              }
              return Optional.of("killed during " + gated);
            },
            gated -> "had completed");

    assertThat(landed).isEqualTo("killed during checkpoint 2");
    assertThat(attempts).containsExactly(1L, 2L);
  }

  @Test
  void failsWithWhatEachAttemptSaw() {
    CheckpointGate gate = new CheckpointGate(inProgressFrom(1, 4), Duration.ofMillis(50));

    assertThatThrownBy(
            () ->
                gate.land(
                    Duration.ofSeconds(5), gated -> Optional.empty(), gated -> "had completed"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "attempt 1: checkpoint 4 had completed; attempt 2: checkpoint 4 had completed; attempt"
                + " 3: checkpoint 4 had completed");
  }
}
