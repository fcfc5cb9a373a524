package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.ProcessEvent;
import io.flinkchaos.harness.platform.ProcessEvents;
import io.flinkchaos.harness.wait.Bounds;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A second JobManager kill that lands while the cluster recovers from the first: the replacement
 * JobManager process is killed as soon as it has started, before the job runs again. Flink's REST
 * API is down then, so the timing comes from the harness's own process events.
 */
public record JobManagerKillDuringRecovery() implements FaultSchedule {

  static final String JOB_MANAGER = "jobmanager";

  @Override
  public String description() {
    return "kill the new JobManager again before the job is running";
  }

  @Override
  public List<InjectedFault> run(FaultInjector context) {
    ProcessEvents events =
        context
            .cluster()
            .processes()
            .processEvents()
            .require("the JobManager is killed again before the job is running");
    InjectedFault first =
        context
            .previousFault()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "'the JobManager is killed again before the job is running' follows"
                            + " 'When the JobManager is killed'; no fault was injected yet"));
    if (!(first.fault() instanceof JobManagerKill)) {
      throw new IllegalStateException(
          "'the JobManager is killed again before the job is running' follows 'When the JobManager"
              + " is killed'; the previous fault was '"
              + first.fault().description()
              + "'");
    }
    ProcessEvent started =
        Waits.until(
                "a new JobManager process to start after the kill at " + first.at(),
                Bounds.JOB_MANAGER_START,
                Bounds.FAST_POLL,
                () -> startedAfter(events.history(), first),
                Optional::isPresent)
            .orElseThrow();
    Optional<InjectedFault> second =
        context.injectIf(new JobManagerKill(), landing -> !landing.jobRunning());
    if (second.isEmpty()) {
      throw new IllegalStateException(
          "the job was RUNNING again on JobManager generation "
              + started.generation()
              + " before it could be killed: the second kill would not land during recovery");
    }
    InjectedFault fault = second.get();
    ProcessEvent killed =
        Waits.until(
                "the harness to record the kill of JobManager generation " + started.generation(),
                Bounds.KILL_RECORDED,
                Bounds.FAST_POLL,
                () -> killOf(events.history(), started),
                Optional::isPresent)
            .orElseThrow();
    context.log(
        timing(first, started, killed)
            + ", before the job ran again (at the kill: "
            + fault.landing()
            + ")");
    return List.of(fault);
  }

  /** The first start of a JobManager process after {@code fault}. */
  static Optional<ProcessEvent> startedAfter(List<ProcessEvent> events, InjectedFault fault) {
    return events.stream()
        .filter(e -> e.process().equals(JOB_MANAGER))
        .filter(e -> e.type() == ProcessEvent.Type.STARTED)
        .filter(e -> !e.at().isBefore(fault.at()))
        .findFirst();
  }

  /** The kill of exactly that process (its pid), not of a later replacement. */
  static Optional<ProcessEvent> killOf(List<ProcessEvent> events, ProcessEvent started) {
    return events.stream()
        .filter(e -> e.type() == ProcessEvent.Type.KILLED)
        .filter(e -> e.process().equals(started.process()) && e.pid() == started.pid())
        .findFirst();
  }

  static String timing(InjectedFault first, ProcessEvent started, ProcessEvent killed) {
    return "JobManager generation "
        + started.generation()
        + " started "
        + Waits.format(Duration.between(first.at(), started.at()))
        + " after the first kill, killed "
        + Waits.format(Duration.between(started.at(), killed.at()))
        + " later";
  }
}
