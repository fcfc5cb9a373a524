package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local platform's own contract: real JVMs, replaced when killed, all gone after close (a
 * frozen one included).
 */
class LocalFlinkClusterIT {

  @TempDir Path workDir;

  @Test
  void killedTaskManagerIsReplacedAndCloseLeavesNoProcessEvenAFrozenOne() throws IOException {
    HarnessSettings settings = HarnessSettings.fromSystemProperties();
    FlinkDistribution distribution =
        FlinkDistribution.from(settings.flinkClasspathFile(), settings.launcherJar(), null);
    List<Long> pids;
    try (LocalFlinkCluster cluster =
        LocalFlinkCluster.start(
            new ClusterSpec(2, 1, false),
            distribution,
            workDir,
            new LocalStorage(workDir.resolve("storage")),
            Files.createDirectories(workDir.resolve("plugins")))) {
      assertThat(cluster.registeredTaskManagers()).isEqualTo(2);
      long killed = cluster.pids().get(1);

      cluster.processes().killTaskManager(1);

      Waits.until(
          "a replacement for TaskManager 1",
          Duration.ofSeconds(60),
          cluster::pids,
          now -> !now.contains(killed) && ProcessHandle.of(now.get(1)).isPresent());
      assertThat(ProcessHandle.of(killed)).as("killed TaskManager is gone").isEmpty();
      cluster.awaitReady();
      pids = cluster.pids();
      cluster.processes().freezer().require("freeze").freeze(FlinkProcess.taskManager(2));
      assertThat(Freeze.state(pids.get(2))).as("TaskManager 2 frozen").isEqualTo("T");
    }
    assertThat(pids)
        .allSatisfy(
            pid -> assertThat(ProcessHandle.of(pid)).as("pid %d after close", pid).isEmpty());
  }
}
