package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;

/**
 * A fake scenario for schedule tests: TaskManagers 1..n run the job, every landing is known and
 * shows the job RUNNING, and faults are recorded instead of injected into a cluster.
 */
final class RecordingInjector implements FaultInjector {

  final JobID jobId = new JobID();
  final List<String> events = new ArrayList<>();
  private final int taskManagers;
  private int nextVictim = 1;

  RecordingInjector(int taskManagers) {
    this.taskManagers = taskManagers;
  }

  @Override
  public FlinkCluster cluster() {
    throw new UnsupportedOperationException("this fake has no cluster");
  }

  @Override
  public JobID jobId() {
    return jobId;
  }

  @Override
  public int taskManagerRunningTheJob(int index) {
    if (index > taskManagers) {
      throw new IllegalStateException("TaskManager " + index + " runs no task of the job");
    }
    return index;
  }

  @Override
  public List<Integer> taskManagersRunningTheJob(int count) {
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      chosen.add(nextVictim++);
    }
    events.add("chose " + chosen);
    return chosen;
  }

  @Override
  public int taskManagerRunningTheJobButNot(String vertexName, int subtask) {
    int chosen = nextVictim++;
    events.add("chose " + chosen + " (not the one running " + vertexName + " " + subtask + ")");
    return chosen;
  }

  @Override
  public Optional<InjectedFault> injectIf(Fault fault, Predicate<FaultLanding> lands) {
    FaultLanding landing =
        new FaultLanding(
            Instant.now(),
            null,
            org.apache.flink.api.common.JobStatus.RUNNING,
            List.of(),
            7,
            new TreeSet<>(List.of(1, 2)));
    if (!lands.test(landing)) {
      events.add("not injected: " + fault.description());
      return Optional.empty();
    }
    events.add("injected: " + fault.description());
    return Optional.of(new InjectedFault(fault, Instant.now(), jobId, landing, landing));
  }

  @Override
  public Optional<InjectedFault> previousFault() {
    return Optional.empty();
  }

  @Override
  public void awaitRunningAfter(InjectedFault fault) {
    events.add("awaited the job after: " + fault.fault().description());
  }

  @Override
  public void log(String line) {
    events.add("log: " + line);
  }
}
