package io.flinkchaos.harness.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Schedules one after the other; each starts once the job runs again after the previous one's last
 * fault, so every round hits a running job rather than one still restoring.
 */
public record FaultSequence(List<FaultSchedule> rounds) implements FaultSchedule {

  public FaultSequence {
    rounds = List.copyOf(rounds);
  }

  public static FaultSequence repeat(int times, FaultSchedule round) {
    if (times < 1) {
      throw new IllegalArgumentException("a fault repeated " + times + " times: use 1 or more");
    }
    return new FaultSequence(java.util.Collections.nCopies(times, round));
  }

  @Override
  public List<InjectedFault> run(FaultInjector scenario) {
    List<InjectedFault> injected = new ArrayList<>();
    for (int round = 0; round < rounds.size(); round++) {
      if (!injected.isEmpty()) {
        scenario.awaitRunningAfter(injected.get(injected.size() - 1));
      }
      List<InjectedFault> faults = rounds.get(round).run(scenario);
      injected.addAll(faults);
      for (InjectedFault fault : faults) {
        scenario.log(
            "round " + (round + 1) + " of " + rounds.size() + ": " + fault.fault().description());
      }
    }
    return injected;
  }

  @Override
  public String description() {
    return rounds.stream().map(FaultSchedule::description).collect(Collectors.joining("; then "));
  }
}
