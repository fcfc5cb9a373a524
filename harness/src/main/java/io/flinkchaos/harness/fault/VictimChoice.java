package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.flink.SubtaskAttempt;
import io.flinkchaos.harness.platform.FlinkCluster;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.apache.flink.api.common.JobID;

/**
 * Which TaskManagers a "running the job" kill takes: the lowest-numbered ones that run tasks and
 * were not killed before in the scenario (locally a killed TaskManager's replacement has the same
 * index, and it ran nothing when it was chosen, so killing it again would test nothing).
 */
public final class VictimChoice {

  private VictimChoice() {}

  /**
   * @param running indexes of the TaskManagers running tasks of the job now
   * @param excluded indexes killed earlier in the scenario
   * @throws IllegalStateException with one line when fewer than {@code count} are eligible
   */
  public static List<Integer> choose(int count, SortedSet<Integer> running, Set<Integer> excluded) {
    List<Integer> eligible = running.stream().filter(i -> !excluded.contains(i)).toList();
    if (eligible.size() < count) {
      throw new IllegalStateException(
          (count == 1
                  ? "no TaskManager that runs the job's tasks is left to kill"
                  : "only "
                      + eligible.size()
                      + " of the "
                      + count
                      + " TaskManagers to kill are eligible")
              + ": tasks run on TaskManagers "
              + running
              + ", excluded as killed earlier in this scenario: "
              + new java.util.TreeSet<>(excluded)
              + "; use more TaskManagers of 1 slot each and a parallelism above the number of kills");
    }
    return eligible.subList(0, count);
  }

  /**
   * The first TaskManager (not hit before) that runs tasks of the job but not subtask {@code
   * subtask} of the vertex whose name contains {@code vertexName}; else a one-line error.
   */
  public static int notRunningSubtask(
      FlinkCluster cluster, JobID jobId, String vertexName, int subtask, Set<Integer> hit) {
    SubtaskAttempt attempt = cluster.rest().currentAttempts(jobId, vertexName).get(subtask);
    if (attempt == null) {
      throw new IllegalStateException(
          "job "
              + jobId
              + " has no subtask "
              + subtask
              + " of a vertex named '"
              + vertexName
              + "': this fault needs the slow-subtask job");
    }
    var excluded = cluster.taskManagerNumbers(List.of(attempt.taskManagerId()));
    var hosts = new java.util.TreeSet<>(cluster.taskManagersRunning(jobId));
    hosts.removeAll(excluded);
    if (hosts.isEmpty()) {
      throw new IllegalStateException(
          "every TaskManager running job "
              + jobId
              + " also runs subtask "
              + subtask
              + " of '"
              + vertexName
              + "' (TaskManagers "
              + excluded
              + "): run the job on more TaskManagers of fewer slots");
    }
    return VictimChoice.choose(1, hosts, hit).get(0);
  }
}
