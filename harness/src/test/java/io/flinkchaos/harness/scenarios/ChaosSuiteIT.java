package io.flinkchaos.harness.scenarios;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every feature file under {@code features/} as a Cucumber scenario on the platform chosen by
 * {@code -Dharness.platform}. Select scenarios with {@code -Dcucumber.filter.tags="@smoke"}.
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.flinkchaos.harness.steps")
public class ChaosSuiteIT {}
