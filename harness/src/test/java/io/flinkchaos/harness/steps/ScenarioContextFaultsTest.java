package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.fault.FaultLanding;
import io.flinkchaos.harness.fault.InjectedFault;
import io.flinkchaos.harness.fault.JobManagerKill;
import io.flinkchaos.harness.fault.TaskManagerKill;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.platform.TestingFlinkCluster;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

class ScenarioContextFaultsTest {

  private final TestingFlinkCluster cluster = TestingFlinkCluster.restDown();
  private final ScenarioContext context = new ScenarioContext();

  ScenarioContextFaultsTest() {
    context.useCluster(cluster);
    context.useJob(new DeployedJob(new JobID(), null, Instant.now(), null));
  }

  private static FaultLanding runningWithLastCompleted(long id) {
    return new FaultLanding(
        Instant.now(), null, JobStatus.RUNNING, List.of(), id, new TreeSet<>(List.of(1)));
  }

  @Test
  void aFaultIsInjectedEvenWhenTheJobManagerDoesNotAnswer() {
    InjectedFault fault = context.inject(new JobManagerKill());

    assertThat(cluster.processFaults()).containsExactly("kill JobManager");
    assertThat(fault.landing().known()).isFalse();
    assertThat(fault.landing().toString())
        .startsWith("unknown: JobManager unreachable (")
        .contains("Connection refused");
  }

  @Test
  void anUnknownLandingFallsBackToTheLastKnownOneOfTheScenario() {
    context.useLandingObserver(job -> runningWithLastCompleted(7));
    context.inject(new JobManagerKill());
    context.useLandingObserver(
        job -> FaultLanding.unknown(Instant.now(), "JobManager unreachable"));

    InjectedFault second = context.inject(new JobManagerKill());

    assertThat(second.lastCompletedBefore()).isEqualTo(7);
    assertThat(context.lastFault()).isSameAs(second);
  }

  @Test
  void aFaultWhoseMomentHasPassedIsNotInjected() {
    context.useLandingObserver(job -> runningWithLastCompleted(7));

    assertThat(context.injectIf(new TaskManagerKill(1), landing -> !landing.jobRunning()))
        .isEmpty();
    assertThat(cluster.processFaults()).isEmpty();
  }
}
