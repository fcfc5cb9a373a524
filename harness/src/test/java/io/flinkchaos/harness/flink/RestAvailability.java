package io.flinkchaos.harness.flink;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Whether {@link TestingFlinkRest}, a FAKE, answers: normally, refused at once (the JobManager
 * process is gone) or not at all until a bound (hung), and the exceptions {@link FlinkRestClient}
 * throws in each case: "failed: ConnectException: Connection refused" (the root of Netty's connect
 * failure), "failed: TimeoutException: " (its own request timeout), and "failed (status): text" for
 * an error Flink answered.
 */
final class RestAvailability {

  private volatile boolean refused;
  private volatile CountDownLatch hang;
  private volatile Duration hangBound = FlinkRestClient.REQUEST_TIMEOUT;

  void down() {
    refused = true;
  }

  void hung(Duration bound) {
    hangBound = bound;
    hang = new CountDownLatch(1);
  }

  void answers() {
    refused = false;
    CountDownLatch hung = hang;
    hang = null;
    if (hung != null) {
      hung.countDown();
    }
  }

  /** Returns if the call is answered; else throws as FlinkRestClient does for {@code what}. */
  void answer(String what) {
    if (refused) {
      throw new FlinkRestException(
          what
              + " at "
              + TestingFlinkRest.ENDPOINT
              + " failed: ConnectException: Connection refused",
          new ConnectException("Connection refused"));
    }
    CountDownLatch hung = hang;
    if (hung == null) {
      return;
    }
    try {
      if (!hung.await(hangBound.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new FlinkRestException(
            what + " at " + TestingFlinkRest.ENDPOINT + " failed: TimeoutException: ", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FlinkRestException(
          what + " at " + TestingFlinkRest.ENDPOINT + " was interrupted", e);
    }
  }

  /**
   * Flink answered with an error: {@code RestClientException}'s message is the server's error list,
   * {@code [text]}, which {@link FlinkRestClient} summarizes.
   */
  static FlinkRestException answered(String what, int status, String text) {
    return new FlinkRestException(
        what
            + " at "
            + TestingFlinkRest.ENDPOINT
            + " failed ("
            + status
            + "): "
            + FlinkErrorText.summarize("[" + text + "]"),
        null,
        status);
  }
}
