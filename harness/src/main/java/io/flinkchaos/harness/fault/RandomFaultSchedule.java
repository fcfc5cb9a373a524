package io.flinkchaos.harness.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random plan: each round draws a fault from {@code menu} and one of {@code moments}, then
 * the rounds run in sequence. The same seed and menu give the same plan, so a red run is replayed
 * by its seed (the plan and the seed are in the timeline).
 */
public record RandomFaultSchedule(
    long seed, int rounds, List<FaultChoice> menu, List<Moment> moments) implements FaultSchedule {

  public RandomFaultSchedule {
    if (rounds < 1) {
      throw new IllegalArgumentException(
          "a random schedule of " + rounds + " faults: use 1 or more");
    }
    if (menu.isEmpty()) {
      throw new IllegalArgumentException("a random schedule needs at least one fault to draw from");
    }
    if (moments.isEmpty()) {
      throw new IllegalArgumentException(
          "a random schedule needs at least one moment to draw from");
    }
    menu = List.copyOf(menu);
    moments = List.copyOf(moments);
  }

  /** Every fault of {@code menu} at any {@link Moment}. */
  public RandomFaultSchedule(long seed, int rounds, List<FaultChoice> menu) {
    this(seed, rounds, menu, List.of(Moment.values()));
  }

  /** The rounds this seed draws, in order. */
  public FaultSequence plan() {
    Random random = new Random(seed);
    List<FaultSchedule> drawn = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      FaultChoice choice = menu.get(random.nextInt(menu.size()));
      drawn.add(FaultSchedule.at(moments.get(random.nextInt(moments.size())), choice));
    }
    return new FaultSequence(drawn);
  }

  @Override
  public List<InjectedFault> run(FaultInjector scenario) {
    FaultSequence plan = plan();
    scenario.log(
        "random fault schedule, seed "
            + seed
            + " (replay: -D"
            + SEED_PROPERTY
            + "="
            + seed
            + "): "
            + plan.description());
    return plan.run(scenario);
  }

  /** The system property that fixes the seed of every random schedule of a run. */
  public static final String SEED_PROPERTY =
      io.flinkchaos.harness.config.HarnessSettings.FAULT_SEED;

  @Override
  public String description() {
    return rounds + " random faults, seed " + seed;
  }
}
