package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink's own BashJavaUtils, run in a separate JVM on the harness's test classpath (which holds the
 * harness's flink-runtime), as it runs on a cluster's classpath.
 */
class FlinkMemoryFlagsTest {

  @TempDir Path confDir;

  private final FlinkDistribution thisClasspath =
      new FlinkDistribution(
          System.getProperty("java.class.path"),
          Path.of(System.getProperty("java.home"), "bin", "java"),
          null,
          null);

  @Test
  void aTaskManagerGetsHeapAndDirectMemoryFlagsAndItsDerivedSizes() throws IOException {
    Files.writeString(confDir.resolve("config.yaml"), "taskmanager.memory.process.size: 1280m\n");

    FlinkMemoryFlags flags =
        FlinkMemoryFlags.compute(thisClasspath, FlinkMemoryFlags.Role.TASK_MANAGER, confDir);

    assertThat(flags.jvmParameters())
        .anyMatch(flag -> flag.startsWith("-Xmx"))
        .anyMatch(flag -> flag.startsWith("-XX:MaxDirectMemorySize="));
    assertThat(flags.dynamicProperties())
        .startsWith("-D")
        .anyMatch(property -> property.startsWith("taskmanager.memory.managed.size="));
  }

  @Test
  void aJobManagerGetsItsHeapFlagAndHeapSize() throws IOException {
    Files.writeString(confDir.resolve("config.yaml"), "jobmanager.memory.process.size: 768m\n");

    FlinkMemoryFlags flags =
        FlinkMemoryFlags.compute(thisClasspath, FlinkMemoryFlags.Role.JOB_MANAGER, confDir);

    assertThat(flags.jvmParameters()).anyMatch(flag -> flag.startsWith("-Xmx"));
    assertThat(flags.dynamicProperties())
        .anyMatch(property -> property.startsWith("jobmanager.memory.heap.size="));
  }

  @Test
  void aConfigurationFlinkCannotSizeIsOneLineNamingTheCommandAndWhatItSaid() throws IOException {
    Files.writeString(
        confDir.resolve("config.yaml"),
        "taskmanager.memory.process.size: 100m\ntaskmanager.memory.flink.size: 900m\n");

    assertThatThrownBy(
            () ->
                FlinkMemoryFlags.compute(
                    thisClasspath, FlinkMemoryFlags.Role.TASK_MANAGER, confDir))
        .hasMessageStartingWith("Flink's BashJavaUtils GET_TM_RESOURCE_PARAMS did not compute")
        .hasMessageContaining("check the memory options");
  }

  @Test
  void theLastTwoResultLinesAreTheFlagsAndTheProperties() {
    FlinkMemoryFlags flags =
        FlinkMemoryFlags.parse(
            FlinkMemoryFlags.Role.JOB_MANAGER,
            new ShortCommand.Result(
                0,
                "INFO some log line\n"
                    + "BASH_JAVA_UTILS_EXEC_RESULT:-Xmx10 -Xms10\n"
                    + "BASH_JAVA_UTILS_EXEC_RESULT:-D a=1b -D b=2b\n"));

    assertThat(flags.jvmParameters()).containsExactly("-Xmx10", "-Xms10");
    assertThat(flags.dynamicProperties()).containsExactly("-D", "a=1b", "-D", "b=2b");
  }
}
