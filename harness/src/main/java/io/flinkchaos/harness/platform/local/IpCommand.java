package io.flinkchaos.harness.platform.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one iproute2 command ({@code ip …}, {@code tc …}) and returns its output, or fails with what
 * it said. Each run is bounded: iproute2 answers in milliseconds, a hang is a broken system.
 */
final class IpCommand {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private IpCommand() {}

  /** Runs {@code command} (e.g. "ip", "link", "add", …); its stdout, or an exception. */
  static String run(String... command) {
    ShortCommand.Result result = attempt(command);
    if (!result.succeeded()) {
      throw new IllegalStateException(
          "'"
              + String.join(" ", command)
              + "' failed (exit "
              + result.exitCode()
              + "): "
              + result.output().strip());
    }
    return result.output();
  }

  /** Runs {@code command} inside network namespace {@code namespace}. */
  static String runIn(String namespace, String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(List.of(command));
    return run(full.toArray(String[]::new));
  }

  static ShortCommand.Result attempt(String... command) {
    return ShortCommand.attempt(TIMEOUT, "is iproute2 installed?", List.of(command));
  }
}
