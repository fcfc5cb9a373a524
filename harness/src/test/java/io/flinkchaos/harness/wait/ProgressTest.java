package io.flinkchaos.harness.wait;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final List<String> lines = new CopyOnWriteArrayList<>();

  @AfterEach
  void restoreConsole() {
    Progress.sendTo(null);
  }

  @Test
  void aHeartbeatSaysWhatIsAwaitedElapsedOfTheBoundAndTheLastObservation() {
    assertThat(
            Progress.beat(
                "3 TaskManagers registered",
                Duration.ofMillis(20_400),
                Duration.ofSeconds(60),
                () -> "1 registered\n  (2 pending)"))
        .isEqualTo(
            "still waiting for 3 TaskManagers registered: 20 s of 60 s;"
                + " last observed: 1 registered (2 pending)");
  }

  @Test
  void beatsRepeatUntilClosedAndReadTheLatestObservation() {
    Progress.sendTo(lines::add);
    AtomicInteger observation = new AtomicInteger();

    try (Progress.Heartbeat beats =
        Progress.heartbeat(
            "the answer",
            Duration.ofSeconds(5),
            () -> "poll " + observation.incrementAndGet(),
            Duration.ofMillis(50))) {
      Waits.until("two heartbeats", Duration.ofSeconds(5), lines::size, n -> n >= 2);
    }
    int afterClose = lines.size();

    assertThat(lines.get(0)).startsWith("still waiting for the answer: 0 ms of 5 s;");
    assertThat(lines.get(1)).endsWith("last observed: poll 2");
    Waits.untilElapsed("beats that would follow", java.time.Instant.now(), Duration.ofMillis(200));
    assertThat(lines).hasSizeLessThanOrEqualTo(afterClose + 1);
  }

  @Test
  void anObservationThatThrowsStillGivesABeat() {
    assertThat(
            Progress.beat(
                "x",
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                () -> {
                  throw new IllegalStateException("gone");
                }))
        .endsWith("last observed: (could not read: java.lang.IllegalStateException: gone)");
  }
}
