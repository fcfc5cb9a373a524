package io.flinkchaos.harness.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.TestStepFinished;
import io.flinkchaos.harness.config.HarnessSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes reports/summary.json ({@link RunSummaryWriter}) from Cucumber's own events, so every
 * scenario is in it with its final status, also those skipped or undefined before any hook could
 * record them, and the run page from it ({@link RunPage}); what the after-hook recorded ({@link
 * ScenarioRecords}) is joined in, its timeline picture written to reports/timelines/, and for a
 * failed scenario its failure's stack trace and evidence to reports/evidence/. Reports that cannot
 * be written are said on stderr; the run's verdicts are unaffected.
 */
public final class RunSummaryReporter implements ConcurrentEventListener {

  private final HarnessSettings settings = HarnessSettings.fromSystemProperties();
  private final ReportPaths paths = ReportPaths.fromSystemProperties();
  private final ScenarioFiles files = new ScenarioFiles(paths);
  private final Map<UUID, Instant> started = new HashMap<>();
  private final Map<UUID, String> firstProblem = new HashMap<>();
  private RunSummaryWriter writer;

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(TestRunStarted.class, e -> runStarted(e.getInstant()));
    publisher.registerHandlerFor(TestCaseStarted.class, this::scenarioStarted);
    publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
    publisher.registerHandlerFor(TestCaseFinished.class, this::scenarioFinished);
    publisher.registerHandlerFor(TestRunFinished.class, e -> runFinished(e.getInstant()));
  }

  private synchronized void runStarted(Instant at) {
    writer =
        new RunSummaryWriter(
            paths.resolve(paths.summaryName()),
            at,
            settings.platform(),
            settings.flinkVersion(),
            settings.storage().equals("s3") ? "s3" : "local");
  }

  private synchronized void scenarioStarted(TestCaseStarted event) {
    started.put(event.getTestCase().getId(), event.getInstant());
  }

  /** Remembers the first step that did not pass, for scenarios whose result has no error. */
  private synchronized void stepFinished(TestStepFinished event) {
    Result result = event.getResult();
    if (result.getStatus() == Status.PASSED
        || !(event.getTestStep() instanceof PickleStepTestStep step)) {
      return;
    }
    firstProblem.putIfAbsent(
        event.getTestCase().getId(),
        result.getStatus().name().toLowerCase(java.util.Locale.ROOT)
            + " step: "
            + step.getStep().getKeyword()
            + step.getStep().getText());
  }

  private synchronized void scenarioFinished(TestCaseFinished event) {
    TestCase testCase = event.getTestCase();
    Result result = event.getResult();
    String id = ReportPaths.scenarioId(testCase.getUri(), testCase.getLocation().getLine());
    Instant start = started.getOrDefault(testCase.getId(), event.getInstant());
    ScenarioRecords.Recorded recorded =
        ScenarioRecords.take(id)
            .orElseGet(
                () ->
                    new ScenarioRecords.Recorded(
                        ScenarioRecord.nothingRecorded(id, start), null, List.of()));
    ScenarioRecord record = files(recorded, result);
    ScenarioOutcome outcome =
        new ScenarioOutcome(
            id,
            testCase.getName(),
            feature(testCase.getUri().toString()),
            testCase.getLocation().getLine(),
            testCase.getTags(),
            result.getStatus().name(),
            start,
            result.getDuration(),
            message(result, firstProblem.remove(testCase.getId())));
    try {
      writer.operatorVersion(record.operatorVersion());
      writer.add(outcome.toSummary(record, settings.flinkVersion()));
      runPage();
    } catch (UncheckedIOException e) {
      System.err.println("flink-chaos: " + e.getMessage() + ": " + e.getCause());
    }
  }

  /** reports/index.html from the summary just written, so a killed run leaves a page too. */
  private void runPage() {
    try {
      RunPage.write(paths.resolve(paths.summaryName()), paths.resolve(paths.runPageName()));
    } catch (java.io.IOException | RuntimeException e) {
      System.err.println("flink-chaos: no run page: " + e.getMessage());
    }
  }

  private synchronized void runFinished(Instant at) {
    try {
      writer.finish(at);
      runPage();
    } catch (UncheckedIOException e) {
      System.err.println("flink-chaos: " + e.getMessage() + ": " + e.getCause());
    }
  }

  /** Writes the picture and, for a failed scenario, the failure and its evidence. */
  private ScenarioRecord files(ScenarioRecords.Recorded recorded, Result result) {
    ScenarioRecord record = recorded.record();
    try {
      if (recorded.timelinePng() != null) {
        record = files.timeline(record, recorded.timelinePng());
      }
      if (result.getStatus() == Status.FAILED) {
        List<Evidence.Item> evidence = new ArrayList<>();
        evidence.add(new Evidence.Item("failure", stackTrace(result.getError())));
        evidence.addAll(recorded.evidence());
        record = files.evidence(record, evidence);
      }
    } catch (UncheckedIOException e) {
      System.err.println("flink-chaos: " + e.getMessage() + ": " + e.getCause());
    }
    return record;
  }

  /**
   * "classpath:features/x.feature" and "file:/…/features/x.feature" both to "features/x.feature".
   */
  static String feature(String uri) {
    int features = uri.lastIndexOf("features/");
    if (features >= 0) {
      return uri.substring(features);
    }
    return uri.substring(uri.indexOf(':') + 1);
  }

  private static String message(Result result, String firstProblem) {
    if (result.getError() != null) {
      String text =
          result.getError().getMessage() == null
              ? result.getError().toString()
              : result.getError().getMessage().strip();
      int newline = text.indexOf('\n');
      return newline > 0 ? text.substring(0, newline) : text;
    }
    return result.getStatus() == Status.PASSED ? null : firstProblem;
  }

  private static String stackTrace(Throwable error) {
    if (error == null) {
      return "(Cucumber reported no error)";
    }
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
