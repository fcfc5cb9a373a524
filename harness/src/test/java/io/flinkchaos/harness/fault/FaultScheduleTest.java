package io.flinkchaos.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

  private final RecordingInjector scenario = new RecordingInjector(4);

  @Test
  void aScheduledFaultChoosesItsVictimWhenItRunsNotWhenItIsWritten() {
    FaultSchedule schedule = FaultSchedule.now(FaultChoice.killATaskManagerRunningTheJob());
    assertThat(scenario.events).isEmpty();

    List<InjectedFault> injected = schedule.run(scenario);

    assertThat(injected).extracting(InjectedFault::fault).containsExactly(new TaskManagerKill(1));
    assertThat(scenario.events).containsExactly("chose [1]", "injected: kill TaskManager 1");
  }

  @Test
  void aNamedTaskManagerThatRunsNoTaskIsRefusedBeforeAnythingIsInjected() {
    assertThatThrownBy(() -> FaultSchedule.now(FaultChoice.takeTaskManagerDown(9)).run(scenario))
        .hasMessageContaining("TaskManager 9 runs no task");
    assertThat(scenario.events).isEmpty();
  }

  @Test
  void aSequenceWaitsForTheJobAfterEachRoundBeforeTheNext() {
    FaultSchedule round = FaultSchedule.now(FaultChoice.killATaskManagerRunningTheJob());

    List<InjectedFault> injected = FaultSequence.repeat(3, round).run(scenario);

    assertThat(injected)
        .extracting(InjectedFault::fault)
        .containsExactly(new TaskManagerKill(1), new TaskManagerKill(2), new TaskManagerKill(3));
    assertThat(scenario.events)
        .containsSubsequence(
            "injected: kill TaskManager 1",
            "awaited the job after: kill TaskManager 1",
            "injected: kill TaskManager 2",
            "awaited the job after: kill TaskManager 2",
            "injected: kill TaskManager 3");
    assertThat(scenario.events).doesNotContain("awaited the job after: kill TaskManager 3");
  }

  @Test
  void aSequenceOfNoRoundsIsRefused() {
    assertThatThrownBy(
            () -> FaultSequence.repeat(0, FaultSchedule.now(FaultChoice.killTheJobManager())))
        .hasMessage("a fault repeated 0 times: use 1 or more");
  }

  @Test
  void theSameSeedDrawsTheSamePlanAndTheSeedIsLogged() {
    List<FaultChoice> menu = FaultChoice.randomMenu(true, Duration.ofSeconds(2));
    RandomFaultSchedule first = new RandomFaultSchedule(42, 6, menu, List.of(Moment.NOW));
    RandomFaultSchedule replay = new RandomFaultSchedule(42, 6, menu, List.of(Moment.NOW));

    assertThat(replay.plan().description()).isEqualTo(first.plan().description());
    assertThat(new RandomFaultSchedule(42, 6, menu).plan().description())
        .isEqualTo(new RandomFaultSchedule(42, 6, menu).plan().description());
    assertThat(first.plan().rounds()).hasSize(6);

    first.run(scenario);
    assertThat(scenario.events.get(0))
        .startsWith("log: random fault schedule, seed 42 (replay: -Dharness.fault-seed=42): ");
    assertThat(scenario.events.stream().filter(e -> e.startsWith("injected: "))).hasSize(6);
  }

  @Test
  void differentSeedsDrawDifferentPlans() {
    List<FaultChoice> menu = FaultChoice.randomMenu(true, Duration.ofSeconds(2));
    Set<String> plans = new HashSet<>();
    for (long seed = 0; seed < 20; seed++) {
      plans.add(new RandomFaultSchedule(seed, 4, menu).plan().description());
    }
    assertThat(plans).hasSizeGreaterThan(10);
  }

  @Test
  void withoutHighAvailabilityTheJobManagerIsNeverOnTheMenu() {
    assertThat(FaultChoice.randomMenu(false, Duration.ofSeconds(2)))
        .extracting(FaultChoice::description)
        .noneMatch(d -> d.contains("JobManager"));
    assertThat(FaultChoice.randomMenu(true, Duration.ofSeconds(2)))
        .extracting(FaultChoice::description)
        .contains("kill the JobManager");
  }

  @Test
  void faultsOfWhatTheJobDependsOnJoinTheMenu() {
    FaultChoice brokerKill =
        FaultChoice.of(
            new KafkaBrokerKill(
                new io.flinkchaos.harness.kafka.BrokerFaults() {
                  @Override
                  public void killAndRestart() {}

                  @Override
                  public void killFor(Duration downFor) {}
                },
                Duration.ZERO));
    assertThat(FaultChoice.randomMenu(false, Duration.ofSeconds(2), List.of(brokerKill)))
        .extracting(FaultChoice::description)
        .containsExactly(
            "kill a TaskManager running the job",
            "freeze a TaskManager running the job for 2000 ms",
            "SIGKILL the Kafka broker, restarted at once on its data");
  }

  @Test
  void aRandomScheduleNeedsRoundsAndAMenu() {
    assertThatThrownBy(
            () ->
                new RandomFaultSchedule(1, 0, FaultChoice.randomMenu(false, Duration.ofSeconds(1))))
        .hasMessageContaining("use 1 or more");
    assertThatThrownBy(() -> new RandomFaultSchedule(1, 3, List.of()))
        .hasMessageContaining("at least one fault");
  }
}
