package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** "TaskManager N" is the same logical TaskManager in every generation of its process. */
class TaskManagerResourceIdTest {

  @Test
  void everyGenerationOfTaskManagerNMapsBackToN() {
    assertThat(TaskManagerResourceId.of(2, 1)).isEqualTo("taskmanager-2-g1");
    assertThat(TaskManagerResourceId.index(TaskManagerResourceId.of(2, 1))).hasValue(2);
    assertThat(TaskManagerResourceId.index(TaskManagerResourceId.of(2, 7))).hasValue(2);
    assertThat(TaskManagerResourceId.index(TaskManagerResourceId.of(12, 3))).hasValue(12);
  }

  @Test
  void resourceIdsThisClusterDidNotGiveMapToNothing() {
    assertThat(TaskManagerResourceId.index("127.0.0.1:41231-5ab3c1"))
        .isEqualTo(OptionalInt.empty());
    assertThat(TaskManagerResourceId.index("taskmanager-2")).isEmpty();
    assertThat(TaskManagerResourceId.index("flink-taskmanager-2-g1")).isEmpty();
  }
}
