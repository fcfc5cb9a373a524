package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;

/**
 * What a fault schedule acts through: the scenario's cluster and job, the choice of victims, and
 * injection that records where each fault landed.
 */
public interface FaultInjector {

  FlinkCluster cluster();

  JobID jobId();

  /**
   * {@code index} if that TaskManager runs tasks of the job, else a one-line error naming those
   * that do.
   */
  int taskManagerRunningTheJob(int index);

  /**
   * {@code count} TaskManagers that run tasks of the job now and were not hit by an earlier fault;
   * waits first until the job runs again after the previous fault.
   */
  List<Integer> taskManagersRunningTheJob(int count);

  /**
   * A TaskManager that runs tasks of the job now, was not hit by an earlier fault, and does not run
   * subtask {@code subtask} of the vertex whose name contains {@code vertexName}; else a one-line
   * error naming where that subtask runs.
   */
  int taskManagerRunningTheJobButNot(String vertexName, int subtask);

  /**
   * Observes what the cluster is doing, then injects {@code fault} only if {@code lands} accepts
   * that landing; empty if it was not injected.
   */
  Optional<InjectedFault> injectIf(Fault fault, Predicate<FaultLanding> lands);

  /** The scenario's most recent fault, if any. */
  Optional<InjectedFault> previousFault();

  /** Waits until the job has restored after {@code fault} and every vertex runs again. */
  void awaitRunningAfter(InjectedFault fault);

  /** A line in the scenario's timeline. */
  void log(String line);
}
