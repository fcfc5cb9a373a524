package io.flinkchaos.harness.upgrade;

/** An upgrade could not be carried out; the message says why and what to do. */
public class UpgradeException extends RuntimeException {

  public UpgradeException(String message) {
    super(message);
  }
}
