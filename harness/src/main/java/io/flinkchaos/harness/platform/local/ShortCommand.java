package io.flinkchaos.harness.platform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command that answers quickly (iproute2, a JVM that prints a value and exits) and returns
 * its exit code and merged output. Each run is bounded: a command past its bound is killed and
 * reported, never waited on forever.
 */
final class ShortCommand {

  private ShortCommand() {}

  /** Exit code and the merged output; never throws for a non-zero exit. */
  record Result(int exitCode, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }
  }

  /**
   * Runs {@code command} for at most {@code bound}; {@code hint} says what to check if it cannot
   * start.
   */
  static Result attempt(Duration bound, String hint, List<String> command) {
    String shown = String.join(" ", command);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run '" + shown + "' (" + hint + ")", e);
    }
    try {
      process.getOutputStream().close();
      if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "'" + shown + "' did not end within " + bound.toSeconds() + " s");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the output of " + shown, e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + shown, e);
    }
  }
}
