package io.flinkchaos.harness.steps;

import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.Checker;
import io.flinkchaos.harness.check.CommittedOutput;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Replaces a witness's result before a scenario sees it. The harness ships none: only the stand-in
 * proof test puts one on its own test classpath and arms it in-process, to show that every
 * sensitivity row claiming a witness catches its defect goes red when that witness always says
 * VALID. A user run cannot arm it.
 */
public interface WitnessStandIn {

  /** The result the scenario sees in place of {@code real} (usually {@code real} itself). */
  CheckResult standIn(CheckResult real);

  /** Passes a witness's result through every stand-in on the classpath. */
  static CheckResult apply(CheckResult real) {
    CheckResult result = real;
    for (WitnessStandIn standIn : Loaded.ALL) {
      result = standIn.standIn(result);
    }
    return result;
  }

  /** {@code real}, each of its results passed through {@link #apply}. */
  static Checker around(Checker real) {
    return new Checker() {
      @Override
      public String name() {
        return real.name();
      }

      @Override
      public CheckResult check(CommittedOutput output) {
        return apply(real.check(output));
      }
    };
  }

  /** The stand-ins found once through {@link ServiceLoader}. */
  final class Loaded {
    private static final List<WitnessStandIn> ALL =
        ServiceLoader.load(WitnessStandIn.class).stream().map(ServiceLoader.Provider::get).toList();

    private Loaded() {}
  }
}
