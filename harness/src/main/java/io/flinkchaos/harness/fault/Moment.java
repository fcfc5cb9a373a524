package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.flink.CheckpointObservation;
import io.flinkchaos.harness.wait.Bounds;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a fault lands. A moment that claims something ("after the next checkpoint", "while a
 * checkpoint is in progress") is checked against Flink's own report read right before the fault,
 * and the fault is not injected outside it.
 */
public enum Moment {
  NOW("") {
    @Override
    InjectedFault land(Fault fault, FaultInjector scenario) {
      return scenario.injectIf(fault, landing -> true).orElseThrow();
    }
  },

  /**
   * Gated on checkpoint progress, as Flink's HA tests do: the restore is from a fresh checkpoint.
   */
  AFTER_THE_NEXT_CHECKPOINT(" after the next checkpoint") {
    @Override
    InjectedFault land(Fault fault, FaultInjector scenario) {
      CheckpointObservation next = awaitANewerCheckpoint(scenario);
      return scenario
          .injectIf(
              fault,
              landing -> !landing.known() || landing.lastCompletedId() >= next.latestCompletedId())
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "checkpoint "
                          + next.latestCompletedId()
                          + " completed, but Flink's statistics just before '"
                          + fault.description()
                          + "' did not show it"));
    }
  },

  /**
   * Right after a checkpoint completed and before the next is triggered: no checkpoint is in
   * progress, so none is in its finalization (the JobManager's metadata write, which no timeout
   * bounds) when the fault lands, and the next one is triggered under it.
   */
  BETWEEN_CHECKPOINTS(" between two checkpoints") {
    @Override
    InjectedFault land(Fault fault, FaultInjector scenario) {
      List<String> misses = new ArrayList<>();
      for (int attempt = 1; attempt <= CheckpointGate.ATTEMPTS; attempt++) {
        CheckpointObservation next = awaitANewerCheckpoint(scenario);
        Optional<InjectedFault> injected =
            scenario.injectIf(
                fault, landing -> isBetweenCheckpoints(landing, next.latestCompletedId()));
        if (injected.isPresent()) {
          scenario.log(
              "'"
                  + fault.description()
                  + "' landed after checkpoint "
                  + injected.get().landing().lastCompletedId()
                  + " completed, with none in progress (Flink's checkpoint statistics just"
                  + " before it)");
          return injected.get();
        }
        misses.add("attempt " + attempt + ": after checkpoint " + next.latestCompletedId());
      }
      throw new IllegalStateException(
          "could not land '"
              + fault.description()
              + "' between two checkpoints: each time the next one was already in progress ("
              + String.join("; ", misses)
              + "); make the checkpoint interval longer");
    }
  },

  WHILE_A_CHECKPOINT_IS_IN_PROGRESS(" while a checkpoint is in progress") {
    @Override
    InjectedFault land(Fault fault, FaultInjector scenario) {
      var jobId = scenario.jobId();
      CheckpointGate gate =
          new CheckpointGate(
              () -> scenario.cluster().rest().checkpointActivity(jobId).inProgress(),
              CheckpointGate.DWELL);
      InjectedFault injected =
          gate.land(
              GATE_TIMEOUT,
              checkpoint ->
                  scenario.injectIf(
                      fault, landing -> landing.inProgress(checkpoint.id()).isPresent()),
              checkpoint -> "was no longer in progress when the fault was about to land");
      scenario.log(
          "'"
              + fault.description()
              + "' landed while "
              + injected.landing().inProgress()
              + " was IN_PROGRESS (Flink's checkpoint statistics just before it)");
      return injected;
    }
  };

  /** Waits until a checkpoint newer than the latest completed one now completes. */
  static CheckpointObservation awaitANewerCheckpoint(FaultInjector scenario) {
    var jobId = scenario.jobId();
    long current = scenario.cluster().rest().checkpoints(jobId).latestCompletedId();
    return Waits.until(
        "a checkpoint of job " + jobId + " newer than " + current + " to complete",
        GATE_TIMEOUT,
        Bounds.CHECKPOINT_POLL,
        () -> scenario.cluster().rest().checkpoints(jobId),
        c -> c.latestCompletedId() > current);
  }

  /**
   * Whether {@code landing} shows checkpoint {@code completed} (or a newer one) completed and no
   * checkpoint in progress.
   */
  static boolean isBetweenCheckpoints(FaultLanding landing, long completed) {
    return landing.known()
        && landing.lastCompletedId() >= completed
        && landing.inProgress(s -> !s.kind().isSavepoint()).isEmpty();
  }

  /** A checkpoint every second or two, and a job that may still be restoring from a fault. */
  static final Duration GATE_TIMEOUT = Bounds.withSightingSlack(Bounds.checkpoints(2));

  private final String phrase;

  Moment(String phrase) {
    this.phrase = phrase;
  }

  /** Injects {@code fault} at this moment; fails if the moment could not be hit. */
  abstract InjectedFault land(Fault fault, FaultInjector scenario);

  /** How a schedule describes it: "" for now, " after the next checkpoint"… */
  String phrase() {
    return phrase;
  }
}
