package io.flinkchaos.harness.scenarios;

import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.Frontier;
import io.flinkchaos.harness.check.Verdict;
import io.flinkchaos.harness.steps.WitnessStandIn;
import java.util.List;
import java.util.Map;

/**
 * A broken witness for the stand-in proof only: once armed with a witness's name, that witness
 * always says VALID. It lives on the test classpath and is armed in-process by {@link
 * WitnessStandInIT}; unarmed (every other run) it passes results through unchanged.
 */
public final class AlwaysValidWitness implements WitnessStandIn {

  private static volatile String armedFor;

  static void arm(String witnessName) {
    armedFor = witnessName;
  }

  static void disarm() {
    armedFor = null;
  }

  @Override
  public CheckResult standIn(CheckResult real) {
    if (!real.checker().equals(armedFor)) {
      return real;
    }
    return new CheckResult(
        real.checker(),
        Verdict.VALID,
        real.location(),
        "stand-in: always VALID",
        real.files(),
        real.records(),
        real.keys(),
        real.versions(),
        List.of(),
        Map.of(),
        Map.of(),
        "",
        Frontier.empty());
  }
}
