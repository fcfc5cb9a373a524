package io.flinkchaos.harness.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitsTest {

  @Test
  void returnsTheFirstObservationThatSatisfiesTheCondition() {
    AtomicInteger polls = new AtomicInteger();

    int seen =
        Waits.until("three polls", Duration.ofSeconds(5), polls::incrementAndGet, n -> n >= 3);

    assertThat(seen).isEqualTo(3);
  }

  @Test
  void timeoutNamesWhatWasAwaitedTheBoundAndTheLastObservation() {
    assertThatThrownBy(
            () -> Waits.until("the answer", Duration.ofMillis(600), () -> "still 41", s -> false))
        .isInstanceOf(WaitTimeoutException.class)
        .hasMessage("Timed out after 600 ms waiting for the answer; last observed: still 41");
  }

  @Test
  void errorsWhileObservingAreRetriedAndReportedAsTheLastObservation() {
    assertThatThrownBy(
            () ->
                Waits.until(
                    "a REST endpoint",
                    Duration.ofMillis(500),
                    () -> {
                      throw new IllegalStateException("connection refused");
                    },
                    s -> true))
        .isInstanceOf(WaitTimeoutException.class)
        .hasMessageContaining("last observed: error: IllegalStateException: connection refused");
  }

  @Test
  void aMultiLineRootCauseGivesWayToTheDeepestOneLineMessage() {
    // Flink's RestClientException carries the server's stack trace; the REST client's own
    // exception above it already summarizes it on one line
    Exception server =
        new IllegalStateException(
            "[org.apache.flink.runtime.rest.NotFoundException: Job 01 not found\n\tat x.y(Z.java:1)]");
    Exception summary =
        new RuntimeException(
            "GET /jobs/01 failed (404): Job 01 not found",
            new java.util.concurrent.ExecutionException(server));

    assertThat(Waits.rootMessage(summary))
        .isEqualTo("RuntimeException: GET /jobs/01 failed (404): Job 01 not found");
  }

  @Test
  void aRootCauseWithoutMessageIsNamedByItsType() {
    assertThat(Waits.rootMessage(new RuntimeException("wrapper", new NullPointerException())))
        .isEqualTo("NullPointerException");
  }

  @Test
  void failFastStopsAtOnceOnAStateThatCannotRecover() {
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                Waits.until(
                    "the job to run",
                    Duration.ofSeconds(30),
                    () -> "FAILED",
                    s -> s.equals("RUNNING"),
                    s -> s.equals("FAILED") ? "the job failed" : null))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("Gave up waiting for the job to run")
        .hasMessageContaining("the job failed; last observed: FAILED");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void formatsDurationsForMessages() {
    assertThat(Waits.format(Duration.ofMillis(250))).isEqualTo("250 ms");
    assertThat(Waits.format(Duration.ofSeconds(30))).isEqualTo("30 s");
    assertThat(Waits.format(Duration.ofMillis(1500))).isEqualTo("1.5 s");
  }

  @Test
  void aPollCutShortByTheTimeoutDoesNotHideTheLastRealObservation() {
    AtomicInteger polls = new AtomicInteger();
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);

    assertThatThrownBy(
            () ->
                Waits.until(
                    "a pod",
                    Duration.ofMillis(500),
                    () -> {
                      if (polls.incrementAndGet() == 1) {
                        return "{}";
                      }
                      never.await();
                      return "unreachable";
                    },
                    s -> false))
        .isInstanceOf(WaitTimeoutException.class)
        .hasMessage("Timed out after 500 ms waiting for a pod; last observed: {}");
  }

  @Test
  void aHeldFaultBeginsAndEndsAfterItsLength() {
    java.util.List<String> calls = new java.util.ArrayList<>();
    long started = System.nanoTime();

    Waits.holding(
        "a test fault", Duration.ofMillis(200), () -> calls.add("begin"), () -> calls.add("end"));

    assertThat(calls).containsExactly("begin", "end");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }
}
