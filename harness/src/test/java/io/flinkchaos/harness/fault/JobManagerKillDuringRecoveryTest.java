package io.flinkchaos.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.platform.ProcessEvent;
import io.flinkchaos.harness.platform.ProcessEvent.Type;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;

class JobManagerKillDuringRecoveryTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private static Instant at(long millis) {
    return T0.plusMillis(millis);
  }

  private static final InjectedFault FIRST_KILL =
      new InjectedFault(
          new JobManagerKill(),
          at(1000),
          new JobID(),
          FaultLanding.unknown(at(1000), "not read"),
          null);

  private static final List<ProcessEvent> EVENTS =
      List.of(
          new ProcessEvent(at(0), "jobmanager", 1, 100, Type.STARTED),
          new ProcessEvent(at(10), "taskmanager-1", 1, 101, Type.STARTED),
          new ProcessEvent(at(1000), "jobmanager", 1, 100, Type.KILLED),
          new ProcessEvent(at(1050), "jobmanager", 1, 100, Type.EXITED),
          new ProcessEvent(at(2200), "jobmanager", 2, 200, Type.STARTED),
          new ProcessEvent(at(2600), "jobmanager", 2, 200, Type.KILLED),
          new ProcessEvent(at(2700), "jobmanager", 3, 300, Type.STARTED),
          new ProcessEvent(at(9000), "jobmanager", 3, 300, Type.KILLED));

  @Test
  void theNewJobManagerIsTheFirstStartedAfterTheFirstKill() {
    assertThat(JobManagerKillDuringRecovery.startedAfter(EVENTS, FIRST_KILL))
        .hasValueSatisfying(e -> assertThat(e.generation()).isEqualTo(2));
  }

  @Test
  void noNewJobManagerYetBeforeItsStartEvent() {
    assertThat(JobManagerKillDuringRecovery.startedAfter(EVENTS.subList(0, 4), FIRST_KILL))
        .isEmpty();
  }

  @Test
  void theKillIsMatchedToThatProcessNotALaterGeneration() {
    ProcessEvent second = EVENTS.get(4);

    assertThat(JobManagerKillDuringRecovery.killOf(EVENTS, second)).contains(EVENTS.get(5));
    assertThat(JobManagerKillDuringRecovery.killOf(EVENTS.subList(0, 5), second)).isEmpty();
  }

  @Test
  void timingIsToldFromTheProcessEvents() {
    assertThat(JobManagerKillDuringRecovery.timing(FIRST_KILL, EVENTS.get(4), EVENTS.get(5)))
        .isEqualTo(
            "JobManager generation 2 started 1.2 s after the first kill, killed 400 ms later");
  }
}
