package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.platform.ClusterSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command lines and config files, built without starting anything. */
class ProcessCommandsTest {

  @TempDir Path workDir;

  private ProcessCommands commands;

  @BeforeEach
  void commands() {
    LocalStorage storage = new LocalStorage(workDir.resolve("storage"));
    commands =
        new ProcessCommands(
            new FlinkDistribution(
                "/flink/lib/a.jar:/flink/lib/b.jar",
                Path.of("/jdk/bin/java"),
                Path.of("/flink/launcher.jar"),
                null),
            workDir,
            workDir.resolve("plugins"),
            storage,
            LocalClusterConfiguration.of(
                new ClusterSpec(2, 1, true), storage, workDir, 6123, 8081, 2181),
            2181);
  }

  @Test
  void eachTaskManagerGenerationGetsItsResourceIdConfigAndLog() throws IOException {
    ProcessBuilder third = commands.taskManager(2, 3);

    Path dir = workDir.resolve("taskmanager-2");
    assertThat(Files.readString(dir.resolve("conf/config.yaml")))
        .contains("resource-id: taskmanager-2-g3")
        .contains("dirs: " + dir.resolve("tmp"));
    assertThat(dir.resolve("conf/log4j.properties")).isRegularFile();
    assertThat(third.directory().toPath()).isEqualTo(dir);
    assertThat(third.command())
        .contains("-Dlog.file=" + dir.resolve("taskmanager-2.g3.log"))
        .containsSubsequence(
            "io.flinkchaos.dist.OrphanGuard",
            Long.toString(ProcessHandle.current().pid()),
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            "--configDir",
            dir.resolve("conf").toString());
    assertThat(third.environment())
        .containsEntry("FLINK_PLUGINS_DIR", workDir.resolve("plugins").toString())
        .doesNotContainKey("FLINK_CONF_DIR");
    assertThat(ProcessCommands.logFile(workDir, "taskmanager-2", 3))
        .isEqualTo(dir.resolve("taskmanager-2.g3.log"));
  }

  @Test
  void jobManagerRunsTheSessionEntrypointWithFlinksMemoryFlags() {
    List<String> command = commands.jobManager(1).command();

    assertThat(command.get(0)).isEqualTo("/jdk/bin/java");
    assertThat(command).anyMatch(flag -> flag.startsWith("-Xmx")).contains("-cp");
    assertThat(command)
        .containsSubsequence(
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "--configDir")
        .contains("--add-opens=java.base/java.util=ALL-UNNAMED");
    assertThat(command).anyMatch(arg -> arg.startsWith("jobmanager.memory.heap.size="));
  }

  @Test
  void zooKeeperListensOnLoopbackOnly() throws IOException {
    List<String> command = commands.zooKeeper(1).command();

    Path zooCfg = workDir.resolve("zookeeper/conf/zoo.cfg");
    assertThat(command).containsSubsequence("--zkConfigFile", zooCfg.toString());
    assertThat(Files.readString(zooCfg))
        .contains("clientPortAddress=127.0.0.1")
        .contains("clientPort=2181");
  }
}
