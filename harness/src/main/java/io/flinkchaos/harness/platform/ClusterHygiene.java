package io.flinkchaos.harness.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Whether a cluster may serve the next scenario. It may not when the last scenario could not clean
 * up after itself (a fault not healed, a job not cancelled: it was marked dirty), or when a job
 * that has not ended is still on it: that job would compete for slots and write output next to the
 * new scenario's job.
 */
public final class ClusterHygiene {

  private final List<String> dirt = new ArrayList<>();

  /** The cluster must not be reused; {@code reason} says what was left behind. */
  public synchronized void markDirty(String reason) {
    dirt.add(reason);
  }

  /**
   * Before a scenario reuses the cluster: why it must be replaced, or empty if it is clean. Clears
   * the marks: a replaced cluster starts clean.
   *
   * @param unfinishedJobs the jobs on the cluster that are not globally terminal, one description
   *     each; an error reading them makes the cluster unusable too
   */
  public synchronized Optional<String> reasonToReplace(Callable<List<String>> unfinishedJobs) {
    List<String> reasons = new ArrayList<>(dirt);
    dirt.clear();
    if (reasons.isEmpty()) {
      try {
        List<String> jobs = unfinishedJobs.call();
        if (!jobs.isEmpty()) {
          reasons.add("jobs still running on it: " + String.join(", ", jobs));
        }
      } catch (Exception e) {
        reasons.add("its jobs could not be listed: " + e.getMessage());
      }
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }

  /** Forgets the marks: the cluster they were about is gone. */
  public synchronized void clear() {
    dirt.clear();
  }
}
