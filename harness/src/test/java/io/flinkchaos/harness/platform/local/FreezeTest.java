package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.wait.UnexpectedStateException;
import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SIGSTOP / SIGCONT of a plain child process, observed in /proc/<pid>/stat. */
class FreezeTest {

  private Process sleeper;

  @AfterEach
  void killSleeper() {
    if (sleeper != null) {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void stopsTheProcessAndThawContinuesIt() throws IOException {
    sleeper = new ProcessBuilder("sleep", "30").start();

    Freeze freeze = Freeze.stop("sleeper", sleeper);

    assertThat(Freeze.state(sleeper.pid())).isEqualTo("T");
    assertThat(sleeper.isAlive()).as("a stopped process is alive").isTrue();
    assertThat(senders()).hasSize(1);

    freeze.thaw();

    assertThat(Freeze.state(sleeper.pid())).isNotEqualTo("T").isNotEqualTo("gone");
    assertThat(senders()).as("the SIGCONT sender exits after sending").isEmpty();
  }

  @Test
  void abandonEndsTheSenderWithoutContinuing() throws IOException {
    sleeper = new ProcessBuilder("sleep", "30").start();
    Freeze freeze = Freeze.stop("sleeper", sleeper);

    freeze.abandon();

    Waits.until(
        "the SIGCONT sender to be gone", Duration.ofSeconds(5), FreezeTest::senders, List::isEmpty);
    assertThat(Freeze.state(sleeper.pid())).as("still stopped: no SIGCONT sent").isEqualTo("T");
  }

  @Test
  void freezingAProcessThatIsGoneFailsFastWithKillsError() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();

    assertThatThrownBy(() -> Freeze.stop("short-lived", gone))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("short-lived pid " + gone.pid() + " to be stopped by SIGSTOP")
        .hasMessageContaining("kill -STOP failed")
        .hasMessageContaining("state gone");
  }

  /** Live SIGCONT senders started by this JVM. */
  static List<Long> senders() {
    return ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains("flink-chaos-freeze"))
        .map(ProcessHandle::pid)
        .toList();
  }
}
