package io.flinkchaos.harness.steps;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.AfterStep;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.flinkchaos.harness.fault.Fault;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.platform.MissingCapabilityException;
import io.flinkchaos.harness.platform.Platforms;
import io.flinkchaos.harness.report.Evidence;
import io.flinkchaos.harness.report.ReportPaths;
import io.flinkchaos.harness.report.ScenarioRecord;
import io.flinkchaos.harness.report.ScenarioRecords;
import io.flinkchaos.harness.report.TimelineChart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario lifecycle: evidence attached to every failed scenario; faults healed and jobs cancelled
 * after every scenario whatever its outcome, and a cluster where that failed (or where a job still
 * runs) replaced before the next scenario; the platform stopped after the last one.
 */
public final class Hooks {

  private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);
  private static final AtomicBoolean ANY_FAILED = new AtomicBoolean();

  private final ScenarioContext context;

  public Hooks(ScenarioContext context) {
    this.context = context;
  }

  @Before(order = 0)
  public void begin(Scenario scenario) {
    context.begin(scenario);
  }

  /** Control-plane scenarios (operator, containers) have nothing to act on without one. */
  @Before(value = "@kubernetes", order = 1)
  public void skipWithoutControlPlane(Scenario scenario) {
    context
        .platform()
        .controlPlaneMissing()
        .ifPresent(
            why -> {
              throw new MissingCapabilityException(
                  "'" + scenario.getName() + "' is @kubernetes and " + why);
            });
  }

  /**
   * A cluster the last scenario left dirty (a fault not healed, a job not cancelled) or that still
   * runs a job is not reused: it is stopped here, and this scenario's cluster step starts a fresh
   * one.
   */
  @Before(order = 2)
  public void replaceUncleanCluster() {
    Platforms.replaceUncleanCluster()
        .ifPresent(
            why ->
                context.log(
                    "stopped the previous cluster, this scenario gets a fresh one: " + why));
  }

  /**
   * Stops the throughput sampler and records the scenario for reports/summary.json ({@link
   * ScenarioRecords}); attaches its timeline as a picture and as text, and for a failed scenario
   * its evidence.
   */
  @AfterStep
  public void sampleOnceAJobIsDeployed() {
    context.startSamplingOnceDeployed();
  }

  @After(order = 20_000)
  public void attachEvidence(Scenario scenario) {
    ScenarioRecord record =
        ScenarioRecording.of(
            ReportPaths.scenarioId(scenario.getUri(), scenario.getLine()),
            context,
            context.stopSampling());
    byte[] picture = null;
    List<Evidence.Item> evidence = List.of();
    try {
      picture = timelinePicture(scenario, record);
      attach(scenario, "timeline", context.timeline().render());
      if (scenario.isFailed()) {
        ANY_FAILED.set(true);
        evidence = collectEvidence();
        evidence.forEach(item -> attach(scenario, item.name(), item.text()));
      }
    } finally {
      ScenarioRecords.publish(new ScenarioRecords.Recorded(record, picture, evidence));
    }
  }

  /** The picture, attached; one that cannot be drawn is said in the report, the verdict stands. */
  private byte[] timelinePicture(Scenario scenario, ScenarioRecord record) {
    try {
      byte[] png = TimelineChart.png(record, scenario.getName() + "  (" + record.id() + ")");
      scenario.attach(png, "image/png", "timeline");
      return png;
    } catch (RuntimeException e) {
      context.log("no timeline picture: " + e);
      return null;
    }
  }

  private List<Evidence.Item> collectEvidence() {
    Evidence evidence = context.evidence();
    context.checks().forEach(check -> evidence.add("check: " + check.checker(), describe(check)));
    if (context.hasCluster()) {
      for (DeployedJob job : context.deployedJobs()) {
        try {
          evidence.add(
              "job " + job.jobId(),
              context.jobWaits().progress(job.jobId())
                  + "\n"
                  + context.cluster().rest().failures(job.jobId()));
        } catch (RuntimeException e) {
          evidence.add("job " + job.jobId(), "REST unavailable: " + e.getMessage());
        }
      }
      context.cluster().collectEvidence(evidence);
    }
    return evidence.items();
  }

  private static String describe(io.flinkchaos.harness.check.CheckResult check) {
    return check.summary()
        + "\n\n"
        + check.anomalies().stream()
            .limit(200)
            .map(Object::toString)
            .collect(Collectors.joining("\n"));
  }

  @After(order = 10_000)
  public void healAndCleanUp() {
    if (!context.hasCluster()) {
      closeScenarioResources();
      return;
    }
    for (Fault fault : context.faultsToHeal()) {
      try {
        fault.heal(context.cluster());
      } catch (RuntimeException e) {
        LOG.warn("Healing '{}' failed: {}", fault.description(), e.getMessage());
        Platforms.markClusterDirty(
            "healing '" + fault.description() + "' failed: " + e.getMessage());
      }
    }
    for (DeployedJob job : context.deployedJobs()) {
      try {
        context.cluster().cancel(job);
      } catch (RuntimeException e) {
        LOG.warn("Cancelling {} failed: {}", job, e.getMessage());
        Platforms.markClusterDirty("cancelling job " + job.jobId() + " failed: " + e.getMessage());
      }
    }
    closeScenarioResources();
  }

  private void closeScenarioResources() {
    for (AutoCloseable resource : context.takeResourcesToClose()) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed: {}", resource, e.getMessage());
      }
    }
  }

  @AfterAll
  public static void stopPlatform() {
    Platforms.closeCurrent(ANY_FAILED.get());
  }

  private static void attach(Scenario scenario, String name, String text) {
    scenario.attach(text.getBytes(StandardCharsets.UTF_8), "text/plain", name);
  }
}
