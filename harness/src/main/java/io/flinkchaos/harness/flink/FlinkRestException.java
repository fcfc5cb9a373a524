package io.flinkchaos.harness.flink;

import java.util.OptionalInt;

/** A Flink REST call failed; the message names the call and the endpoint. */
public class FlinkRestException extends RuntimeException {

  private final int httpStatus;

  public FlinkRestException(String message, Throwable cause) {
    this(message, cause, -1);
  }

  /**
   * @param httpStatus the status Flink answered with, or -1 when no answer came
   */
  public FlinkRestException(String message, Throwable cause, int httpStatus) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status Flink answered with; empty when the call got no answer (e.g. unreachable). */
  public OptionalInt httpStatus() {
    return httpStatus < 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** Flink answered 404: e.g. "Job could not be found." for an unknown job id. */
  public boolean isNotFound() {
    return httpStatus == 404;
  }
}
