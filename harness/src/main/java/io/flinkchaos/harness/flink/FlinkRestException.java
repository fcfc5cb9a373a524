package io.flinkchaos.harness.flink;

/** A Flink REST call failed; the message names the call and the endpoint. */
public class FlinkRestException extends RuntimeException {

  public FlinkRestException(String message, Throwable cause) {
    super(message, cause);
  }
}
