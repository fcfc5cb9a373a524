package io.flinkchaos.harness.flink;

/** A cancel was refused, failed, or did not stop the job in time; the job may still run. */
public class JobCancelException extends RuntimeException {

  public JobCancelException(String message, Throwable cause) {
    super(message, cause);
  }
}
