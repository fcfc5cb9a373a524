package io.flinkchaos.harness.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bounded resend of a call the JobManager's execution graph cache superseded. The server here
 * is a FAKE of one Flink endpoint ({@code GET /jobs/overview}) on loopback, answering failures as
 * Flink 1.20.3's {@code AbstractHandler#handleException} does: 500 with {@code errors} "Internal
 * server error." and the server-side stack trace.
 */
class RestTransportSupersededTest {

  private static final String OVERVIEW = "{\"jobs\":[]}";
  private static final String SUPERSEDED =
      serverError("java.util.concurrent.CancellationException");
  private static final String OTHER_ERROR = serverError("java.lang.NullPointerException: boom");

  private final Deque<String> answers = new ArrayDeque<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final HttpServer server = start();
  private final FlinkRestClient rest =
      new FlinkRestClient("127.0.0.1", server.getAddress().getPort());

  @AfterEach
  void stop() {
    rest.close();
    server.stop(0);
  }

  @Test
  void aCallSupersededInTheCacheIsSentAgain() {
    answers.add(SUPERSEDED);
    answers.add(SUPERSEDED);
    answers.add(OVERVIEW);

    assertThat(rest.jobs()).isEmpty();
    assertThat(requests.get()).isEqualTo(3);
  }

  @Test
  void aCallSupersededEveryTimeFailsAfterThreeAttempts() {
    for (int i = 0; i < 5; i++) {
      answers.add(SUPERSEDED);
    }

    FlinkRestException failure = catchThrowableOfType(FlinkRestException.class, rest::jobs);

    assertThat(failure).hasMessageContaining("(500)").hasMessageContaining("CancellationException");
    assertThat(requests.get()).isEqualTo(RestTransport.SUPERSEDED_ATTEMPTS);
  }

  @Test
  void anyOtherServerErrorIsNotSentAgain() {
    answers.add(OTHER_ERROR);
    answers.add(OVERVIEW);

    FlinkRestException failure = catchThrowableOfType(FlinkRestException.class, rest::jobs);

    assertThat(failure).hasMessageContaining("NullPointerException");
    assertThat(requests.get()).isEqualTo(1);
  }

  private HttpServer start() {
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.createContext(
          "/",
          exchange -> {
            requests.incrementAndGet();
            String answer;
            synchronized (answers) {
              answer = answers.isEmpty() ? OVERVIEW : answers.poll();
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(answer.equals(OVERVIEW) ? 200 : 500, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          });
      http.start();
      return http;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake REST endpoint on loopback", e);
    }
  }

  private static String serverError(String exception) {
    return "{\"errors\":[\"Internal server error.\",\"<Exception on server side:\\n"
        + exception
        + "\\n\\tat org.apache.flink.runtime.rest.handler.legacy.DefaultExecutionGraphCache"
        + ".getExecutionGraphInternal(DefaultExecutionGraphCache.java:98)\\nEnd of exception on"
        + " server side>\"]}";
  }
}
