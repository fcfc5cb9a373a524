package io.flinkchaos.harness.fault;

import java.util.List;

/**
 * Faults in an order and at moments: one fault at a moment, several in sequence, or a seeded random
 * plan. Steps build one and run it; a new fault is one {@link Fault} class and one step.
 */
public interface FaultSchedule {

  /** Injects the faults, each where its moment says; returns them as injected, in order. */
  List<InjectedFault> run(FaultInjector scenario);

  /**
   * The plan in words, for the timeline: "kill a TaskManager running the job after the next
   * checkpoint".
   */
  String description();

  static FaultSchedule at(Moment moment, FaultChoice choice) {
    return new ScheduledFault(choice, moment);
  }

  static FaultSchedule now(FaultChoice choice) {
    return at(Moment.NOW, choice);
  }
}
