package io.flinkchaos.harness.platform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one iproute2 command ({@code ip …}, {@code tc …}) and returns its output, or fails with what
 * it said. Each run is bounded: iproute2 answers in milliseconds, a hang is a broken system.
 */
final class IpCommand {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private IpCommand() {}

  /** Runs {@code command} (e.g. "ip", "link", "add", …); its stdout, or an exception. */
  static String run(String... command) {
    Result result = attempt(command);
    if (result.exitCode != 0) {
      throw new IllegalStateException(
          "'"
              + String.join(" ", command)
              + "' failed (exit "
              + result.exitCode
              + "): "
              + result.output.strip());
    }
    return result.output;
  }

  /** Runs {@code command} inside network namespace {@code namespace}. */
  static String runIn(String namespace, String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(List.of(command));
    return run(full.toArray(String[]::new));
  }

  /** Exit code and the merged output; never throws for a non-zero exit. */
  record Result(int exitCode, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }
  }

  static Result attempt(String... command) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run '" + String.join(" ", command) + "' (is iproute2 installed?)", e);
    }
    try {
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "'" + String.join(" ", command) + "' did not end within " + TIMEOUT.toSeconds() + " s");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the output of " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
  }
}
