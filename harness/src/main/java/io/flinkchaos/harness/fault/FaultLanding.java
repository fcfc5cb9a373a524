package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.flink.InProgressSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobStatus;

/**
 * What the cluster was doing when a fault was injected, as Flink's REST API reported it just
 * before: job state, snapshots in progress, the latest completed checkpoint, the TaskManagers
 * running tasks. When the JobManager did not answer, only {@code unknown} is set.
 *
 * @param unknown why nothing is known (e.g. "JobManager unreachable (…)"), or null
 * @param lastCompletedId latest completed checkpoint or savepoint id, -1 if none or unknown
 */
public record FaultLanding(
    Instant observedAt,
    String unknown,
    JobStatus jobStatus,
    List<InProgressSnapshot> inProgress,
    long lastCompletedId,
    SortedSet<Integer> taskManagersRunning) {

  public FaultLanding {
    inProgress = List.copyOf(inProgress);
    taskManagersRunning = new TreeSet<>(taskManagersRunning);
  }

  public static FaultLanding unknown(Instant observedAt, String reason) {
    return new FaultLanding(observedAt, reason, null, List.of(), -1, new TreeSet<>());
  }

  public boolean known() {
    return unknown == null;
  }

  /** The snapshot with this id if Flink reported it IN_PROGRESS at the fault. */
  public Optional<InProgressSnapshot> inProgress(long id) {
    return inProgress.stream().filter(s -> s.id() == id).findFirst();
  }

  public Optional<InProgressSnapshot> inProgress(Predicate<InProgressSnapshot> which) {
    return inProgress.stream().filter(which).findFirst();
  }

  public boolean jobRunning() {
    return jobStatus == JobStatus.RUNNING;
  }

  @Override
  public String toString() {
    if (!known()) {
      return "unknown: " + unknown;
    }
    return "job "
        + jobStatus
        + ", in progress: "
        + (inProgress.isEmpty() ? "none" : inProgress)
        + ", last completed: "
        + (lastCompletedId < 0 ? "none" : lastCompletedId)
        + ", tasks on TaskManagers "
        + taskManagersRunning;
  }
}
