package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.flink.InProgressSnapshot;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Lands a fault while a checkpoint is in progress: waits until Flink reports one checkpoint
 * IN_PROGRESS for at least {@code dwell} (so it is not about to complete), then lets the caller
 * inject only if the landing observation, read right before the fault, still shows it in progress.
 * If it completed in between, the gate is tried again, a few times.
 */
public final class CheckpointGate {

  public static final Duration DWELL = Duration.ofMillis(500);
  public static final Duration POLL = Duration.ofMillis(50);
  public static final int ATTEMPTS = 3;

  private final Callable<List<InProgressSnapshot>> inProgress;
  private final Duration dwell;

  /**
   * @param inProgress reads the snapshots Flink reports IN_PROGRESS now (may throw while the
   *     JobManager does not answer; the gate keeps polling)
   */
  public CheckpointGate(Callable<List<InProgressSnapshot>> inProgress, Duration dwell) {
    this.inProgress = inProgress;
    this.dwell = dwell;
  }

  /** What one poll saw: the checkpoint in progress longest, and for how long. */
  record Dwelling(InProgressSnapshot checkpoint, Duration seenFor, Duration wanted) {

    boolean longEnough() {
      return checkpoint != null && seenFor.compareTo(wanted) >= 0;
    }

    @Override
    public String toString() {
      return checkpoint == null
          ? "no checkpoint in progress"
          : checkpoint + " in progress for " + seenFor.toMillis() + " ms";
    }
  }

  /** Waits until one checkpoint (not a savepoint) has been seen IN_PROGRESS for {@code dwell}. */
  public InProgressSnapshot awaitDwelling(Duration atMost) {
    Map<Long, Instant> firstSeen = new HashMap<>();
    return Waits.until(
            "a checkpoint IN_PROGRESS for at least " + dwell.toMillis() + " ms",
            atMost,
            POLL,
            () -> {
              Instant now = Instant.now();
              List<InProgressSnapshot> running =
                  inProgress.call().stream().filter(s -> !s.kind().isSavepoint()).toList();
              firstSeen.keySet().removeIf(id -> running.stream().noneMatch(s -> s.id() == id));
              running.forEach(s -> firstSeen.putIfAbsent(s.id(), now));
              return running.stream()
                  .map(s -> new Dwelling(s, Duration.between(firstSeen.get(s.id()), now), dwell))
                  .max(java.util.Comparator.comparing(Dwelling::seenFor))
                  .orElse(new Dwelling(null, Duration.ZERO, dwell));
            },
            Dwelling::longEnough)
        .checkpoint();
  }

  /**
   * Gates, then calls {@code injectIfStillInProgress} with the gated checkpoint; that returns empty
   * (and injects nothing) when the landing shows the checkpoint no longer in progress, which
   * retries the gate, up to {@link #ATTEMPTS} times.
   *
   * @param describeMiss what the landing showed instead, for the failure message
   */
  public <T> T land(
      Duration gateTimeout,
      Function<InProgressSnapshot, Optional<T>> injectIfStillInProgress,
      Function<InProgressSnapshot, String> describeMiss) {
    List<String> misses = new ArrayList<>();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      InProgressSnapshot gated = awaitDwelling(gateTimeout);
      Optional<T> landed = injectIfStillInProgress.apply(gated);
      if (landed.isPresent()) {
        return landed.get();
      }
      misses.add("attempt " + attempt + ": " + gated + " " + describeMiss.apply(gated));
    }
    throw new IllegalStateException(
        "could not land the fault while a checkpoint was in progress: each gated checkpoint was no"
            + " longer IN_PROGRESS when the fault was about to be injected ("
            + String.join("; ", misses)
            + "); checkpoints are too fast to hit, make them slower");
  }
}
