package io.flinkchaos.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.MissingCapabilityException;
import io.flinkchaos.harness.platform.TestingFlinkCluster;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProcessFreezeTest {

  private final TestingFlinkCluster cluster = new TestingFlinkCluster(2);

  @Test
  void freezesForThePauseThenThaws() {
    ProcessFreeze freeze = new ProcessFreeze(FlinkProcess.taskManager(2), Duration.ofMillis(300));
    Instant start = Instant.now();

    freeze.inject(cluster);

    assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(freeze.pause());
    assertThat(cluster.processFaults())
        .containsExactly("freeze TaskManager 2", "thaw TaskManager 2");
    assertThat(freeze.taskManagersHit()).isEmpty();
    assertThat(freeze.alwaysRestartsTheJob()).isFalse();
  }

  @Test
  void withoutNodeAccessTheFaultSaysWhatItNeedsAndSkips() {
    cluster.withoutNodeAccess("needs node access (this fake has none)");
    ProcessFreeze freeze = new ProcessFreeze(FlinkProcess.taskManager(1), Duration.ofSeconds(2));

    assertThatThrownBy(() -> freeze.inject(cluster))
        .isInstanceOf(MissingCapabilityException.class)
        .hasMessage("'freeze TaskManager 1' needs node access (this fake has none)");
    assertThat(cluster.processFaults()).isEmpty();
  }

  @Test
  void healingThawsAgainWhichIsHarmless() {
    new ProcessFreeze(FlinkProcess.jobManager(), Duration.ofSeconds(1)).heal(cluster);

    assertThat(cluster.processFaults()).containsExactly("thaw the JobManager");
  }

  @Test
  void aFreezeOfNoTimeIsRefused() {
    assertThatThrownBy(() -> new ProcessFreeze(FlinkProcess.taskManager(1), Duration.ZERO))
        .hasMessageContaining("give a positive duration");
  }
}
