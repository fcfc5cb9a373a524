package io.flinkchaos.harness.flink;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.rest.FileUpload;
import org.apache.flink.runtime.rest.RestClient;
import org.apache.flink.runtime.rest.messages.MessageHeaders;
import org.apache.flink.runtime.rest.messages.MessageParameters;
import org.apache.flink.runtime.rest.messages.RequestBody;
import org.apache.flink.runtime.rest.messages.ResponseBody;
import org.apache.flink.runtime.rest.util.RestClientException;

/**
 * How {@link FlinkRestClient} talks to one endpoint: Flink's own {@link RestClient} carries each
 * call, the answer stays JSON until it is bound leniently ({@link AnyVersionResponses}), every call
 * is bounded by the request timeout, and a failure names the call, the endpoint and Flink's answer.
 */
final class RestTransport implements AutoCloseable {

  private final String host;
  private final int port;
  private final Duration requestTimeout;
  private final ExecutorService executor;
  private final RestClient client;

  RestTransport(String host, int port, Duration requestTimeout) {
    this.host = host;
    this.port = port;
    this.requestTimeout = requestTimeout;
    this.executor =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "flink-rest-" + port);
              thread.setDaemon(true);
              return thread;
            });
    Configuration config = new Configuration();
    config.set(RestOptions.CONNECTION_TIMEOUT, Duration.ofSeconds(5));
    config.set(RestOptions.IDLENESS_TIMEOUT, requestTimeout);
    try {
      this.client = new RestClient(config, executor, host, port);
    } catch (Exception e) {
      executor.shutdownNow();
      throw new FlinkRestException("cannot create a REST client for " + endpoint(), e);
    }
  }

  String endpoint() {
    return "http://" + host + ":" + port;
  }

  <
          M extends MessageHeaders<R, P, U>,
          U extends MessageParameters,
          R extends RequestBody,
          P extends ResponseBody>
      P call(String what, M headers, U parameters, R body, Collection<FileUpload> files) {
    AnyVersionResponses.Json answer = send(what, headers, parameters, body, files);
    return read(what, () -> AnyVersionResponses.bind(answer, headers));
  }

  /** Sends a request and binds its answer to the harness's own type {@code as}. */
  <U extends MessageParameters, R extends RequestBody, T> T readAs(
      String what, MessageHeaders<R, ?, U> headers, U parameters, R body, Class<T> as) {
    AnyVersionResponses.Json answer = send(what, headers, parameters, body, List.of());
    return read(what, () -> AnyVersionResponses.bind(answer, as));
  }

  /** Binds an answer; one that does not fit what the harness reads is named with its call. */
  <T> T read(String what, Supplier<T> binding) {
    try {
      return binding.get();
    } catch (IllegalStateException e) {
      throw new FlinkRestException(
          what + " at " + endpoint() + " answered what the harness cannot read: " + e.getMessage(),
          e);
    }
  }

  /**
   * How often a call superseded in the JobManager's execution graph cache is sent again. Flink
   * 1.20.3's {@code DefaultExecutionGraphCache#getExecutionGraphInternal} replaces an entry older
   * than {@code web.refresh-interval} (100 ms on the local platform) and cancels the future a
   * concurrent request for the same job may still wait on: that request fails with 500 "Unhandled
   * exception" and a {@code CancellationException} ({@code AbstractHandler#handleException}). Seen
   * when the throughput sampler and a step asked for the same job at once; the handler did nothing
   * else, so sending the call again is safe.
   */
  static final int SUPERSEDED_ATTEMPTS = 3;

  /** Sends a request; the answer stays JSON until it is bound (AnyVersionResponses). */
  <U extends MessageParameters, R extends RequestBody> AnyVersionResponses.Json send(
      String what,
      MessageHeaders<R, ?, U> headers,
      U parameters,
      R body,
      Collection<FileUpload> files) {
    for (int attempt = 1; ; attempt++) {
      try {
        return sendOnce(what, headers, parameters, body, files);
      } catch (FlinkRestException e) {
        if (attempt >= SUPERSEDED_ATTEMPTS || !supersededInCache(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean supersededInCache(FlinkRestException e) {
    RestClientException answer = answerIn(e);
    return answer != null
        && answer.getHttpResponseStatus().code() == 500
        && answer.getMessage() != null
        && answer.getMessage().contains("java.util.concurrent.CancellationException");
  }

  private <U extends MessageParameters, R extends RequestBody> AnyVersionResponses.Json sendOnce(
      String what,
      MessageHeaders<R, ?, U> headers,
      U parameters,
      R body,
      Collection<FileUpload> files) {
    try {
      return client
          .sendRequest(host, port, AnyVersionResponses.asJson(headers), parameters, body, files)
          .get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FlinkRestException(what + " at " + endpoint() + " was interrupted", e);
    } catch (Exception e) {
      RestClientException answer = answerIn(e);
      if (answer != null) {
        throw new FlinkRestException(
            what
                + " at "
                + endpoint()
                + " failed ("
                + answer.getHttpResponseStatus().code()
                + "): "
                + FlinkErrorText.summarize(answer.getMessage()),
            e,
            answer.getHttpResponseStatus().code());
      }
      throw new FlinkRestException(what + " at " + endpoint() + " failed: " + describe(e), e);
    }
  }

  /** Flink's answer to a failed call: its message carries the server's error list. */
  private static RestClientException answerIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RestClientException answer) {
        return answer;
      }
    }
    return null;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : root.getMessage().strip();
    int newline = message.indexOf('\n');
    return root.getClass().getSimpleName()
        + ": "
        + (newline > 0 ? message.substring(0, newline) : message);
  }

  @Override
  public void close() {
    client.closeAsync();
    executor.shutdownNow();
  }
}
