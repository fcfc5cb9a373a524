package io.flinkchaos.harness.wait;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the harness tells the person watching a run while it works: a line when it starts something
 * slow (an operator install, a k3s start, an image pull), and a heartbeat every {@link #EVERY}
 * while anything bounded takes longer than that, saying what it waits for, how long of its bound
 * has passed, and what it observed last. Lines go to the console (beside the scenario's steps) and
 * to the harness log.
 */
public final class Progress {

  /** How long a wait stays silent before its first heartbeat, and between heartbeats. */
  public static final Duration EVERY = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  private static final ScheduledExecutorService TICKER =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "flink-chaos-heartbeat");
            thread.setDaemon(true);
            return thread;
          });
  private static volatile Consumer<String> console = Progress::print;

  private Progress() {}

  /** Says what the harness is starting now (one line). */
  public static void say(String line) {
    LOG.info(line);
    console.accept(line);
  }

  /**
   * Starts heartbeats for {@code what}, bounded by {@code bound}, every {@link #EVERY} until the
   * returned handle is closed; {@code lastObservation} is read at each beat.
   */
  public static Heartbeat heartbeat(String what, Duration bound, Supplier<String> lastObservation) {
    return heartbeat(what, bound, lastObservation, EVERY);
  }

  static Heartbeat heartbeat(
      String what, Duration bound, Supplier<String> lastObservation, Duration every) {
    long started = System.nanoTime();
    ScheduledFuture<?> beats =
        TICKER.scheduleAtFixedRate(
            () ->
                say(
                    beat(
                        what,
                        Duration.ofNanos(System.nanoTime() - started),
                        bound,
                        lastObservation)),
            every.toMillis(),
            every.toMillis(),
            TimeUnit.MILLISECONDS);
    return () -> beats.cancel(false);
  }

  static String beat(
      String what, Duration elapsed, Duration bound, Supplier<String> lastObservation) {
    String observed;
    try {
      observed = String.valueOf(lastObservation.get());
    } catch (RuntimeException e) {
      observed = "(could not read: " + e + ")";
    }
    return "still waiting for "
        + what
        + ": "
        + Waits.format(Duration.ofSeconds(elapsed.toSeconds()))
        + " of "
        + Waits.format(bound)
        + "; last observed: "
        + oneLine(observed);
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s*\\R\\s*", " ").strip();
    return line.length() > 300 ? line.substring(0, 297) + "..." : line;
  }

  /** Test seam: where lines go instead of the console (null restores the console). */
  static void sendTo(Consumer<String> sink) {
    console = sink == null ? Progress::print : sink;
  }

  private static void print(String line) {
    PrintStream out = System.out;
    out.println("      … " + line);
    out.flush();
  }

  /** A running heartbeat; closing it stops the beats. */
  @FunctionalInterface
  public interface Heartbeat extends AutoCloseable {
    @Override
    void close();
  }
}
