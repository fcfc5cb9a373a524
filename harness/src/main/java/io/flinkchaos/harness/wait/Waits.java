package io.flinkchaos.harness.wait;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The one way the harness waits: over Awaitility, always bounded, polling an observation until a
 * condition holds. A timeout names what was awaited, for how long, and the last observation (or the
 * last error while observing); a fail-fast check stops at once on a state that cannot recover.
 */
public final class Waits {

  /** Default poll interval; REST polls are cheap on loopback. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private static final Duration ELAPSE_POLL = Duration.ofMillis(50);

  private Waits() {}

  /** Waits until {@code done} holds for an observation, and returns that observation. */
  public static <T> T until(
      String what, Duration atMost, Callable<T> observe, Predicate<? super T> done) {
    return until(what, atMost, observe, done, observation -> null);
  }

  /**
   * Like {@link #until(String, Duration, Callable, Predicate)}, but {@code failFast} may return a
   * reason to give up immediately (null to keep waiting).
   */
  public static <T> T until(
      String what,
      Duration atMost,
      Callable<T> observe,
      Predicate<? super T> done,
      Function<? super T, String> failFast) {
    return until(what, atMost, POLL_INTERVAL, observe, done, failFast);
  }

  /** Like {@link #until(String, Duration, Callable, Predicate)}, polling every {@code every}. */
  public static <T> T until(
      String what,
      Duration atMost,
      Duration every,
      Callable<T> observe,
      Predicate<? super T> done) {
    return until(what, atMost, every, observe, done, observation -> null);
  }

  /** The general form: poll every {@code every}, give up early when {@code failFast} says so. */
  public static <T> T until(
      String what,
      Duration atMost,
      Duration every,
      Callable<T> observe,
      Predicate<? super T> done,
      Function<? super T, String> failFast) {
    AtomicReference<String> last = new AtomicReference<>("nothing observed yet");
    long started = System.nanoTime();
    try (Progress.Heartbeat beats = Progress.heartbeat(what, atMost, last::get)) {
      return Awaitility.await(what)
          .atMost(atMost)
          .pollDelay(Duration.ZERO)
          .pollInterval(every)
          .ignoreExceptionsMatching(e -> !(e instanceof UnexpectedStateException))
          .until(
              () -> {
                T observation;
                try {
                  observation = observe.call();
                } catch (Exception e) {
                  // the timeout interrupts a poll in flight: keep what was last really observed
                  if (!interrupted(e)) {
                    last.set("error: " + rootMessage(e));
                  }
                  throw e;
                }
                last.set(String.valueOf(observation));
                String reason = failFast.apply(observation);
                if (reason != null) {
                  throw new UnexpectedStateException(
                      "Gave up waiting for "
                          + what
                          + " after "
                          + elapsed(started)
                          + ": "
                          + reason
                          + "; last observed: "
                          + observation);
                }
                return observation;
              },
              done);
    } catch (ConditionTimeoutException e) {
      throw new WaitTimeoutException(
          "Timed out after "
              + format(atMost)
              + " waiting for "
              + what
              + "; last observed: "
              + last);
    }
  }

  private static boolean interrupted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InterruptedException) {
        return true;
      }
    }
    return Thread.currentThread().isInterrupted();
  }

  /**
   * The root cause on one line. A root whose message spans lines (Flink's RestClientException
   * carries the server's whole stack trace) gives way to the deepest wrapper with a one-line
   * message, e.g. the harness's own summary of that REST error.
   */
  static String rootMessage(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    Throwable root = chain.get(chain.size() - 1);
    String message = root.getMessage();
    if (message == null) {
      return root.getClass().getSimpleName();
    }
    for (int i = chain.size() - 1; i >= 0; i--) {
      String candidate = chain.get(i).getMessage();
      if (candidate != null && !candidate.isBlank() && candidate.strip().lines().count() == 1) {
        return chain.get(i).getClass().getSimpleName() + ": " + candidate.strip();
      }
    }
    return root.getClass().getSimpleName() + ": " + message.strip().lines().findFirst().orElse("");
  }

  /**
   * Returns once {@code duration} has passed since {@code since} (a fault held for its length),
   * polling every 50 ms; bounded by the duration plus 5 s.
   */
  public static void untilElapsed(String what, Instant since, Duration duration) {
    until(
        what,
        duration.plusSeconds(5),
        ELAPSE_POLL,
        () -> Duration.between(since, Instant.now()),
        elapsed -> elapsed.compareTo(duration) >= 0);
  }

  /**
   * Begins a fault, holds it for {@code length} ({@link #untilElapsed} from just before it began),
   * and ends it whatever happens meanwhile.
   */
  public static void holding(String what, Duration length, Runnable begin, Runnable end) {
    Instant began = Instant.now();
    begin.run();
    try {
      untilElapsed(what, began, length);
    } finally {
      end.run();
    }
  }

  private static String elapsed(long startedNanos) {
    return format(Duration.ofNanos(System.nanoTime() - startedNanos));
  }

  /** "30 s", "1.5 s", "250 ms". */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    return millis % 1000 == 0
        ? millis / 1000 + " s"
        : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
