package io.flinkchaos.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.flink.InProgressSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

class InjectedFaultTest {

  private static final Instant EARLIER = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant KILL = Instant.parse("2026-01-01T10:00:05Z");

  private static FaultLanding runningWithLastCompleted(long id) {
    return new FaultLanding(
        EARLIER,
        null,
        JobStatus.RUNNING,
        List.of(new InProgressSnapshot(id + 1, InProgressSnapshot.Kind.CHECKPOINT, 0)),
        id,
        new TreeSet<>(List.of(1, 2)));
  }

  @Test
  void aKnownLandingIsTheBasisOfTheLastCompletedCheckpoint() {
    FaultLanding landing = runningWithLastCompleted(7);

    InjectedFault fault =
        new InjectedFault(new JobManagerKill(), KILL, new JobID(), landing, landing);

    assertThat(fault.lastCompletedBefore()).isEqualTo(7);
    assertThat(fault.lastCompletedSource())
        .isEqualTo(
            "observed at the fault: job RUNNING, in progress: [checkpoint 8], last completed: 7,"
                + " tasks on TaskManagers [1, 2]");
  }

  @Test
  void anUnknownLandingFallsBackToTheLastKnownAndSaysSo() {
    FaultLanding unknown = FaultLanding.unknown(KILL, "JobManager unreachable (refused)");

    InjectedFault fault =
        new InjectedFault(
            new JobManagerKill(), KILL, new JobID(), unknown, runningWithLastCompleted(7));

    assertThat(fault.lastCompletedBefore()).isEqualTo(7);
    assertThat(fault.lastCompletedSource())
        .startsWith(
            "not observable at the fault (unknown: JobManager unreachable (refused)); using the"
                + " last known observation at 2026-01-01T10:00:00Z: job RUNNING");
  }

  @Test
  void withNothingKnownThereIsNoLastCompletedCheckpoint() {
    FaultLanding unknown = FaultLanding.unknown(KILL, "JobManager unreachable (refused)");

    InjectedFault fault = new InjectedFault(new JobManagerKill(), KILL, new JobID(), unknown, null);

    assertThat(fault.lastCompletedBefore()).isEqualTo(-1);
    assertThat(fault.lastCompletedSource()).endsWith("using the last known observation (none)");
  }
}
