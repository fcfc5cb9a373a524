package io.flinkchaos.harness.wait;

/** A wait saw a state it can never recover from (e.g. the job FAILED) and stopped early. */
public class UnexpectedStateException extends RuntimeException {

  public UnexpectedStateException(String message) {
    super(message);
  }
}
