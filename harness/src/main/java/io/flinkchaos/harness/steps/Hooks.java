package io.flinkchaos.harness.steps;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.flinkchaos.harness.fault.Fault;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.platform.MissingCapabilityException;
import io.flinkchaos.harness.platform.Platforms;
import io.flinkchaos.harness.report.Evidence;
import java.nio.charset.StandardCharsets;
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

  @After(order = 20_000)
  public void attachEvidence(Scenario scenario) {
    attach(scenario, "timeline", context.timeline().render());
    if (!scenario.isFailed()) {
      return;
    }
    ANY_FAILED.set(true);
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
    evidence.items().forEach(item -> attach(scenario, item.name(), item.text()));
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
