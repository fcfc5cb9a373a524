package io.flinkchaos.harness.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.junit.platform.engine.Constants;
import io.flinkchaos.harness.check.SequenceChecker;
import io.flinkchaos.harness.check.WitnessChecker;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Proves the proof: each witness in turn is replaced by an always-VALID stand-in, and every
 * sensitivity scenario tagged as caught by that witness must then fail, naming the witness. A row
 * that stayed green would claim a witness catches a defect that the scenario never checks with that
 * witness alone.
 *
 * <p>Runs with the extended suite ({@code mvn verify -Pextended}) or on its own with {@code
 * -Dharness.witness-proof=true}; it runs the sensitivity scenarios that claim a witness again, once
 * per witness.
 */
@EnabledIf("requested")
class WitnessStandInIT {

  static boolean requested() {
    return Boolean.getBoolean("harness.witness-proof");
  }

  @Test
  void everyRowCaughtByTheOutputCheckerFailsWhenItAlwaysSaysValid() {
    assertEveryScenarioFails(SequenceChecker.NAME, "@caught-by-output-checker");
  }

  @Test
  void everyRowCaughtByTheInJobWitnessFailsWhenItAlwaysSaysValid() {
    assertEveryScenarioFails(WitnessChecker.NAME, "@caught-by-in-job-witness");
  }

  private static void assertEveryScenarioFails(String witness, String tag) {
    Map<String, TestExecutionResult> results;
    System.out.println(
        "witness stand-in proof: the "
            + witness
            + " always says VALID now; every scenario below must FAIL on its verdict");
    AlwaysValidWitness.arm(witness);
    try {
      results = runSensitivityScenarios(tag, witness.replace(' ', '-'));
    } finally {
      AlwaysValidWitness.disarm();
    }
    assertThat(results).as("sensitivity scenarios tagged %s", tag).isNotEmpty();
    results.forEach(
        (scenario, result) -> {
          assertThat(result.getStatus())
              .as("'%s' with the %s replaced by an always-VALID stand-in", scenario, witness)
              .isEqualTo(TestExecutionResult.Status.FAILED);
          assertThat(result.getThrowable().map(Throwable::getMessage).orElse(""))
              .as("'%s' must fail on the %s's verdict", scenario, witness)
              .contains(witness);
        });
  }

  private static Map<String, TestExecutionResult> runSensitivityScenarios(String tag, String slug) {
    String reports = System.getProperty("harness.reports-dir", "target");
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectClasspathResource("features/sensitivity.feature"))
            .filters(EngineFilter.includeEngines("cucumber"))
            .configurationParameter(Constants.GLUE_PROPERTY_NAME, "io.flinkchaos.harness.steps")
            .configurationParameter(Constants.FILTER_TAGS_PROPERTY_NAME, tag)
            .configurationParameter(
                Constants.PLUGIN_PROPERTY_NAME,
                "io.flinkchaos.harness.report.ConsoleVerdictReporter, html:"
                    + reports
                    + "/cucumber-stand-in-"
                    + slug
                    + ".html")
            .configurationParameter(
                "cucumber.junit-platform.naming-strategy.short.example-name", "pickle")
            .build();
    Map<String, TestExecutionResult> results = new LinkedHashMap<>();
    LauncherFactory.create()
        .execute(
            request,
            new TestExecutionListener() {
              @Override
              public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                  results.put(id.getDisplayName(), result);
                }
              }
            });
    return results;
  }
}
