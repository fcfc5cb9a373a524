package io.flinkchaos.harness.fault;

import java.util.List;

/** One fault, chosen and injected at its moment. */
public record ScheduledFault(FaultChoice choice, Moment moment) implements FaultSchedule {

  @Override
  public List<InjectedFault> run(FaultInjector scenario) {
    return List.of(moment.land(choice.chooseFor(scenario), scenario));
  }

  @Override
  public String description() {
    return choice.description() + moment.phrase();
  }
}
