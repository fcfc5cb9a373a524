package io.flinkchaos.harness.wait;

/** A bounded wait ran out; the message names what was awaited, for how long, and what was seen. */
public class WaitTimeoutException extends RuntimeException {

  public WaitTimeoutException(String message) {
    super(message);
  }
}
