package io.flinkchaos.harness.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.HookTestStep;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.WriteEvent;
import io.flinkchaos.harness.config.HarnessSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a chaos run prints: each scenario with its steps, timings, the harness's observations
 * (restores, recovery times, checker verdicts) and a failure's first line, then a summary that says
 * where the full reports are.
 */
public final class ConsoleVerdictReporter implements ConcurrentEventListener {

  private final PrintStream out = System.out;
  private final Map<Status, Integer> outcomes = new EnumMap<>(Status.class);
  private Instant runStarted = Instant.now();

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(TestRunStarted.class, e -> runStarted = e.getInstant());
    publisher.registerHandlerFor(TestCaseStarted.class, this::scenarioStarted);
    publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
    publisher.registerHandlerFor(WriteEvent.class, e -> print("      | " + e.getText()));
    publisher.registerHandlerFor(TestCaseFinished.class, this::scenarioFinished);
    publisher.registerHandlerFor(TestRunFinished.class, this::runFinished);
  }

  private void scenarioStarted(TestCaseStarted event) {
    var testCase = event.getTestCase();
    print("");
    print(
        "Scenario: "
            + testCase.getName()
            + "  ("
            + fileName(testCase.getUri().toString())
            + ":"
            + testCase.getLocation().getLine()
            + ")"
            + (testCase.getTags().isEmpty() ? "" : "  " + String.join(" ", testCase.getTags())));
  }

  private void stepFinished(TestStepFinished event) {
    Result result = event.getResult();
    if (event.getTestStep() instanceof PickleStepTestStep step) {
      print(
          String.format(
              Locale.ROOT,
              "  %-4s %s%s  (%s)",
              mark(result.getStatus()),
              step.getStep().getKeyword(),
              step.getStep().getText(),
              seconds(result.getDuration())));
    } else if (event.getTestStep() instanceof HookTestStep && worthAHookLine(result)) {
      print(
          "  "
              + mark(result.getStatus())
              + " (hook "
              + event.getTestStep().getCodeLocation()
              + ")");
    }
    if (result.getError() != null) {
      print("      ! " + firstLine(result.getError()));
    }
  }

  /**
   * A hook that failed, or skipped the scenario with a reason; not one merely skipped after a step
   * failed (the after-step hook would add a line to every skipped step).
   */
  private static boolean worthAHookLine(Result result) {
    return result.getStatus() != Status.PASSED
        && (result.getStatus() != Status.SKIPPED || result.getError() != null);
  }

  private void scenarioFinished(TestCaseFinished event) {
    Status status = event.getResult().getStatus();
    outcomes.merge(status, 1, Integer::sum);
    print(
        (status == Status.PASSED ? "PASSED " : status + " ")
            + event.getTestCase().getName()
            + " in "
            + seconds(event.getResult().getDuration()));
  }

  private void runFinished(TestRunFinished event) {
    int total = outcomes.values().stream().mapToInt(Integer::intValue).sum();
    print("");
    print(
        "flink-chaos: "
            + total
            + " scenarios, "
            + outcomes.getOrDefault(Status.PASSED, 0)
            + " passed, "
            + outcomes.getOrDefault(Status.FAILED, 0)
            + " failed, "
            + outcomes.getOrDefault(Status.SKIPPED, 0)
            + " skipped, "
            + (total
                - outcomes.getOrDefault(Status.PASSED, 0)
                - outcomes.getOrDefault(Status.FAILED, 0)
                - outcomes.getOrDefault(Status.SKIPPED, 0))
            + " other, in "
            + seconds(Duration.between(runStarted, event.getInstant()))
            + ". Reports: "
            + htmlReport());
  }

  /** The html plugin's file from {@code cucumber.plugin}, where this run's report really goes. */
  private static Path htmlReport() {
    for (String plugin : System.getProperty("cucumber.plugin", "").split(",")) {
      if (plugin.strip().startsWith("html:")) {
        return Path.of(plugin.strip().substring("html:".length())).toAbsolutePath().normalize();
      }
    }
    return Path.of(System.getProperty(HarnessSettings.REPORTS_DIR, "reports"), "cucumber.html")
        .toAbsolutePath()
        .normalize();
  }

  private static String fileName(String uri) {
    return uri.substring(uri.lastIndexOf('/') + 1);
  }

  private static String mark(Status status) {
    return switch (status) {
      case PASSED -> "ok";
      case FAILED -> "FAIL";
      case SKIPPED -> "skip";
      default -> status.name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * The failure on one line: its first line, or, where that only introduces what follows (AssertJ's
   * "Expecting actual:"), the message's lines joined, cut at 400 characters.
   */
  static String firstLine(Throwable error) {
    String message = error.getMessage() == null ? error.toString() : error.getMessage().strip();
    int newline = message.indexOf('\n');
    if (newline < 0) {
      return message;
    }
    if (!message.substring(0, newline).strip().endsWith(":")) {
      return message.substring(0, newline);
    }
    String joined = message.replaceAll("\\s*\\R\\s*", " ");
    return joined.length() > 400 ? joined.substring(0, 397) + "..." : joined;
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  private synchronized void print(String line) {
    out.println(line);
    out.flush();
  }
}
