package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Supervision with real OS processes: replacement after SIGKILL, crash-loop detection, stop. */
class SupervisedProcessTest {

  private final List<String> events = new CopyOnWriteArrayList<>();

  @Test
  void killedProcessIsReplacedByANewGenerationAndStopEndsIt() {
    SupervisedProcess process =
        new SupervisedProcess("sleeper", gen -> new ProcessBuilder("sleep", "60"), events::add);
    process.start();
    long first = process.pid();

    long killed = process.kill();

    Waits.until(
        "a second generation",
        Duration.ofSeconds(10),
        process::generation,
        generation -> generation == 2 && process.isAlive());
    assertThat(killed).isEqualTo(first);
    assertThat(process.pid()).isNotEqualTo(first);
    assertThat(events).anyMatch(e -> e.contains("killed with SIGKILL"));

    long second = process.pid();
    process.stop(Duration.ofSeconds(5));
    assertThat(ProcessHandle.of(second)).isEmpty();
    assertThat(process.generation()).as("no restart after stop").isEqualTo(2);
  }

  @Test
  void threeQuickExitsAreACrashLoopAndStopTheRestarts() {
    SupervisedProcess process =
        new SupervisedProcess("crasher", gen -> new ProcessBuilder("false"), events::add);
    process.start();

    String failure =
        Waits.until("a crash loop", Duration.ofSeconds(10), process::failure, f -> f != null);

    assertThat(failure).startsWith("crasher exited 3 times within 10 s of starting");
    assertThat(process.generation()).isEqualTo(3);
  }
}
