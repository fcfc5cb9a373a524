package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Supervision with real OS processes: replacement after SIGKILL, crash-loop detection, freezing,
 * stop.
 */
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

  /**
   * Sensitivity rows on a reused cluster kill TaskManager 1 every few seconds: three kills within
   * 10 s of each start once made supervision give up on it as a crash loop (exit code 137).
   */
  @Test
  void killsOnPurposeSoonAfterTheStartAreNoCrashLoop() {
    SupervisedProcess process =
        new SupervisedProcess("sleeper", gen -> new ProcessBuilder("sleep", "60"), events::add);
    process.start();
    try {
      for (int kill = 1; kill <= 4; kill++) {
        int generation = process.generation();
        process.kill();
        Waits.until(
            "generation " + (generation + 1),
            Duration.ofSeconds(10),
            process::generation,
            g -> g == generation + 1 && process.isAlive());
      }
      assertThat(process.failure()).isNull();
      assertThat(process.generation()).isEqualTo(5);
    } finally {
      process.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void stopAllKillsProcessesThatIgnoreSigtermInParallelAfterTheGrace() {
    List<SupervisedProcess> stubborn =
        List.of(1, 2, 3).stream()
            .map(
                i ->
                    new SupervisedProcess(
                        "stubborn-" + i,
                        gen -> new ProcessBuilder("sh", "-c", "trap '' TERM; exec sleep 60"),
                        events::add))
            .toList();
    stubborn.forEach(SupervisedProcess::start);
    List<Long> pids = stubborn.stream().map(SupervisedProcess::pid).toList();
    Waits.until(
        "the shells to ignore SIGTERM and exec sleep",
        Duration.ofSeconds(10),
        () -> pids.stream().map(SupervisedProcessTest::command).toList(),
        commands -> commands.stream().allMatch("sleep"::equals));

    long started = System.nanoTime();
    SupervisedProcess.stopAll(stubborn, Duration.ofMillis(300));
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isEmpty());
    assertThat(millis).as("one grace for all, not one per process").isLessThan(2_000);
    assertThat(events).filteredOn(e -> e.contains("killed with SIGKILL")).hasSize(3);
    assertThat(stubborn).allSatisfy(p -> assertThat(p.generation()).isEqualTo(1));
  }

  @Test
  void eachProcessRunsInItsOwnSessionWithAPipeOnStdin() throws IOException {
    SupervisedProcess process =
        new SupervisedProcess("sleeper", gen -> new ProcessBuilder("sleep", "60"), events::add);
    process.start();
    try {
      long pid = process.pid();
      // setsid(1) execs in the same pid; right after the start it may not have called setsid() yet.
      long session =
          io.flinkchaos.harness.wait.Waits.until(
              "pid " + pid + " to lead its own session",
              Duration.ofSeconds(5),
              () -> sessionId(pid),
              id -> id == pid);
      assertThat(session).as("session id of pid %d", pid).isEqualTo(pid);
      assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", "0")))
          .asString()
          .startsWith("pipe:");
    } finally {
      process.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void frozenProcessStaysAliveAndSupervisedUntilThawed() {
    SupervisedProcess process =
        new SupervisedProcess("sleeper", gen -> new ProcessBuilder("sleep", "60"), events::add);
    process.start();
    try {
      long pid = process.freeze();

      assertThat(Freeze.state(pid)).isEqualTo("T");
      assertThat(process.isAlive()).isTrue();
      assertThat(process.isFrozen()).isTrue();
      assertThat(process.failure()).isNull();

      assertThat(process.thaw()).isEqualTo(pid);

      assertThat(Freeze.state(pid)).isNotEqualTo("T");
      assertThat(process.isFrozen()).isFalse();
      assertThat(process.pid()).isEqualTo(pid);
      assertThat(process.generation()).isEqualTo(1);
      assertThat(events)
          .contains("sleeper pid " + pid + " frozen with SIGSTOP")
          .contains("sleeper pid " + pid + " thawed with SIGCONT");
    } finally {
      process.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void thawAfterAKillReplacedTheFrozenProcessDoesNothing() {
    SupervisedProcess process =
        new SupervisedProcess("sleeper", gen -> new ProcessBuilder("sleep", "60"), events::add);
    process.start();
    try {
      long frozen = process.freeze();
      process.kill();
      Waits.until(
          "a second generation",
          Duration.ofSeconds(10),
          process::generation,
          generation -> generation == 2 && process.isAlive());

      assertThat(process.thaw()).isEqualTo(-1);

      assertThat(Freeze.state(process.pid())).isNotEqualTo("T");
      assertThat(events).contains("sleeper pid " + frozen + " exited while frozen");
      assertThat(events).noneMatch(e -> e.contains("thawed"));
      assertThat(FreezeTest.senders()).isEmpty();
    } finally {
      process.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void stopAllKillsAFrozenProcessAtOnceAndLeavesNoSender() {
    SupervisedProcess frozen =
        new SupervisedProcess("frozen", gen -> new ProcessBuilder("sleep", "60"), events::add);
    frozen.start();
    long pid = frozen.freeze();

    long started = System.nanoTime();
    SupervisedProcess.stopAll(List.of(frozen), Duration.ofSeconds(10));
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(ProcessHandle.of(pid)).isEmpty();
    assertThat(millis).as("no SIGTERM grace for a process that cannot act on it").isLessThan(2_000);
    assertThat(events).contains("frozen pid " + pid + " frozen, killed with SIGKILL");
    assertThat(frozen.generation()).isEqualTo(1);
    Waits.until(
        "the SIGCONT sender to be gone", Duration.ofSeconds(5), FreezeTest::senders, List::isEmpty);
  }

  private static long sessionId(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[3]);
    } catch (IOException e) {
      return -1;
    }
  }

  private static String command(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
    } catch (IOException e) {
      return "gone: " + e.getMessage();
    }
  }
}
