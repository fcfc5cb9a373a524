package io.flinkchaos.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class VictimChoiceTest {

  private static TreeSet<Integer> running(Integer... indexes) {
    return new TreeSet<>(List.of(indexes));
  }

  @Test
  void choosesTheLowestTaskManagerRunningTasks() {
    assertThat(VictimChoice.choose(1, running(2, 3), Set.of())).containsExactly(2);
  }

  @Test
  void neverChoosesATaskManagerKilledBeforeNorItsReplacement() {
    // TaskManager 1 was killed; its replacement (again index 1) now runs a task too
    assertThat(VictimChoice.choose(1, running(1, 3), Set.of(1))).containsExactly(3);
  }

  @Test
  void choosesSeveralForASimultaneousKill() {
    assertThat(VictimChoice.choose(2, running(1, 2, 4), Set.of(2))).containsExactly(1, 4);
  }

  @Test
  void withParallelismAboveTheKillsThereIsAlwaysOneLeft() {
    // 4 TaskManagers of 1 slot, parallelism 3: after 2 kills the tasks run on 3 TaskManagers
    assertThat(VictimChoice.choose(1, running(1, 2, 4), Set.of(1, 2))).containsExactly(4);
  }

  @Test
  void failsInOneLineNamingTheExcludedAndWhereTheTasksRun() {
    assertThatThrownBy(() -> VictimChoice.choose(1, running(1, 2), Set.of(1, 2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no TaskManager that runs the job's tasks is left to kill: tasks run on TaskManagers"
                + " [1, 2], excluded as killed earlier in this scenario: [1, 2]; use more"
                + " TaskManagers of 1 slot each and a parallelism above the number of kills");
  }

  @Test
  void failsWhenTooFewAreEligibleForASimultaneousKill() {
    assertThatThrownBy(() -> VictimChoice.choose(2, running(1, 2), Set.of(1)))
        .hasMessageStartingWith("only 1 of the 2 TaskManagers to kill are eligible");
  }
}
