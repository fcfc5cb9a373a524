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
    commands = commandsOn(LoopbackNetwork.INSTANCE);
  }

  private ProcessCommands commandsOn(ClusterNetwork network) {
    LocalStorage storage = new LocalStorage(workDir.resolve("storage"));
    return new ProcessCommands(
        new FlinkDistribution(
            "/flink/lib/a.jar:/flink/lib/b.jar",
            Path.of("/jdk/bin/java"),
            Path.of("/flink/launcher.jar"),
            null),
        workDir,
        workDir.resolve("plugins"),
        storage,
        LocalClusterConfiguration.of(
            new ClusterSpec(2, 1, true), storage, workDir, 6123, 8081, 2181, network),
        2181,
        network,
        ProcessCommandsTest::fakeMemoryFlags);
  }

  /** A fake of BashJavaUtils' answer (FlinkMemoryFlagsTest runs the real one). */
  private static FlinkMemoryFlags fakeMemoryFlags(FlinkMemoryFlags.Role role, Path confDir) {
    assertThat(confDir.resolve("config.yaml")).exists();
    String heap =
        role == FlinkMemoryFlags.Role.JOB_MANAGER
            ? "jobmanager.memory.heap.size=1b"
            : "taskmanager.memory.task.heap.size=1b";
    return new FlinkMemoryFlags(List.of("-Xmx1", "-Xms1"), List.of("-D", heap));
  }

  /** A fake network naming each process's address after it; it runs nothing. */
  private static final class FakeNamespaceNetwork implements ClusterNetwork {

    @Override
    public String host(String process) {
      return switch (process) {
        case "jobmanager" -> "198.18.7.2";
        case "zookeeper" -> "198.18.7.3";
        default -> "198.18.7.1" + process.charAt(process.length() - 1);
      };
    }

    @Override
    public String bindHost(String process) {
      return "0.0.0.0";
    }

    @Override
    public java.util.List<String> wrap(String process, java.util.List<String> command) {
      var wrapped = new java.util.ArrayList<>(java.util.List.of("netns-of-" + process));
      wrapped.addAll(command);
      return wrapped;
    }

    @Override
    public io.flinkchaos.harness.platform.Capability<io.flinkchaos.harness.platform.NetworkFaults>
        faults() {
      return io.flinkchaos.harness.platform.Capability.missing("a fake");
    }

    @Override
    public void close() {}
  }

  @Test
  void onSeparateNetworksEachProcessBindsAndAdvertisesItsOwnAddressAndRunsInItsNamespace()
      throws IOException {
    ProcessCommands separate = commandsOn(new FakeNamespaceNetwork());

    ProcessBuilder taskManager = separate.taskManager(2, 1);
    ProcessBuilder jobManager = separate.jobManager(1);
    ProcessBuilder zooKeeper = separate.zooKeeper(1);

    assertThat(taskManager.command().get(0)).isEqualTo("netns-of-taskmanager-2");
    assertThat(jobManager.command().get(0)).isEqualTo("netns-of-jobmanager");
    assertThat(zooKeeper.command().get(0)).isEqualTo("netns-of-zookeeper");
    var tm =
        org.apache.flink.configuration.GlobalConfiguration.loadConfiguration(
            workDir.resolve("taskmanager-2/conf").toString());
    assertThat(tm.toMap())
        .containsEntry("taskmanager.host", "198.18.7.12")
        .containsEntry("taskmanager.bind-host", "0.0.0.0")
        .containsEntry("jobmanager.rpc.address", "198.18.7.2")
        .containsEntry("high-availability.zookeeper.quorum", "198.18.7.3:2181");
    var jm =
        org.apache.flink.configuration.GlobalConfiguration.loadConfiguration(
            workDir.resolve("jobmanager/conf").toString());
    assertThat(jm.toMap())
        .containsEntry("jobmanager.bind-host", "0.0.0.0")
        .containsEntry("rest.bind-address", "198.18.7.2");
    assertThat(Files.readString(workDir.resolve("zookeeper/conf/zoo.cfg")))
        .contains("clientPortAddress=198.18.7.3");
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
