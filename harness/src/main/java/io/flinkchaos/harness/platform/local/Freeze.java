package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One SIGSTOP of one process, undone by SIGCONT (Java has no API for either). A small shell in its
 * own session sends both: SIGSTOP at once, SIGCONT when its stdin, a pipe from this JVM, closes.
 * {@link #thaw} closes it; so does the kernel the moment this JVM dies in any way (SIGKILL
 * included), so a frozen cluster process never outlives the harness stopped: it wakes up, finds its
 * own lifeline closed and halts (OrphanGuard).
 */
final class Freeze {

  /** How long a signal may take to show in the process state. */
  static final Duration SIGNAL_WAIT = Duration.ofSeconds(5);

  private static final Duration POLL = Duration.ofMillis(10);
  private static final String SCRIPT =
      "kill -STOP \"$1\" || exit 1; read line; kill -CONT \"$1\" 2>/dev/null; exit 0";

  private final String name;
  private final Process process;
  private final Process sender;

  private Freeze(String name, Process process, Process sender) {
    this.name = name;
    this.process = process;
    this.sender = sender;
  }

  /** Sends SIGSTOP to {@code process} and returns once it is stopped. */
  static Freeze stop(String name, Process process) {
    long pid = process.pid();
    ProcessBuilder builder =
        new ProcessBuilder("sh", "-c", SCRIPT, "flink-chaos-freeze", Long.toString(pid))
            .redirectErrorStream(true);
    Process sender;
    try {
      sender = SupervisedProcess.inOwnSessionWithLifeline(builder).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start 'kill -STOP " + pid + "' for " + name, e);
    }
    Freeze freeze = new Freeze(name, process, sender);
    try {
      Waits.until(
          name + " pid " + pid + " to be stopped by SIGSTOP (state T in /proc/" + pid + "/stat)",
          SIGNAL_WAIT,
          POLL,
          () -> "state " + state(pid),
          observed -> observed.equals("state T"),
          observed -> sender.isAlive() ? null : "kill -STOP failed: " + freeze.senderOutput());
      return freeze;
    } catch (RuntimeException e) {
      freeze.sendContinue();
      throw e;
    }
  }

  /** The process this froze. */
  Process process() {
    return process;
  }

  /** Sends SIGCONT and returns once the process runs again (or is gone). */
  void thaw() {
    long pid = process.pid();
    sendContinue();
    Waits.until(
        name + " pid " + pid + " to continue after SIGCONT (state not T in /proc/" + pid + "/stat)",
        SIGNAL_WAIT,
        POLL,
        () -> (sender.isAlive() ? "SIGCONT sender running, " : "") + "state " + state(pid),
        observed -> observed.startsWith("state ") && !observed.equals("state T"));
  }

  /**
   * Ends the SIGCONT sender without sending: the frozen process is gone, and its pid may be another
   * process's by now.
   */
  void abandon() {
    sender.destroyForcibly();
  }

  private void sendContinue() {
    try {
      sender.getOutputStream().close();
    } catch (IOException e) {
      // the sender is gone already: nothing can be sent through it
    }
  }

  private String senderOutput() {
    try {
      return new String(sender.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * The process state letter from {@code /proc/<pid>/stat} (R, S, D, T stopped, Z zombie, ...), or
   * "gone".
   */
  static String state(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return String.valueOf(stat.charAt(stat.lastIndexOf(')') + 2));
    } catch (IOException e) {
      return "gone";
    }
  }
}
