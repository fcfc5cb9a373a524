package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.platform.FlinkProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster's processes as a whole, on stand-in processes. */
class LocalClusterProcessesTest {

  @TempDir Path workDir;

  private final List<String> events = new CopyOnWriteArrayList<>();

  @Test
  void pidsListZooKeeperTheJobManagerThenTaskManagersAndStopEndsThemAll() {
    LocalClusterProcesses processes =
        new LocalClusterProcesses(
            workDir,
            process("zookeeper", "sleep", "60"),
            process("jobmanager", "sleep", "60"),
            List.of(process("taskmanager-1", "sleep", "60")));
    processes.start();
    List<Long> pids = processes.pids();
    try {
      assertThat(pids).hasSize(3).allMatch(pid -> pid > 0);
      assertThat(pids.get(1)).isEqualTo(processes.jobManager().pid());
      assertThat(processes.of(FlinkProcess.jobManager())).isSameAs(processes.jobManager());
      assertThat(processes.of(FlinkProcess.taskManager(1))).isSameAs(processes.taskManager(1));
      assertThat(processes.allAlive()).isTrue();
      assertThat(processes.supervisionFailure()).isNull();
    } finally {
      processes.stop(Duration.ofSeconds(1));
    }
    assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isEmpty());
  }

  @Test
  void aCrashLoopIsASupervisionFailureNamingTheLogDir() {
    LocalClusterProcesses processes =
        new LocalClusterProcesses(
            workDir,
            null,
            process("jobmanager", "false"),
            List.of(process("taskmanager-1", "sleep", "60")));
    processes.start();
    try {
      String failure =
          io.flinkchaos.harness.wait.Waits.until(
              "the JobManager's crash loop",
              Duration.ofSeconds(10),
              processes::supervisionFailure,
              f -> f != null);
      assertThat(failure)
          .startsWith("jobmanager exited 3 times within 10 s of starting")
          .endsWith(", log in " + workDir.resolve("jobmanager"));
      assertThat(processes.allAlive()).isFalse();
    } finally {
      processes.stop(Duration.ofSeconds(1));
    }
  }

  private SupervisedProcess process(String name, String... command) {
    return new SupervisedProcess(name, gen -> new ProcessBuilder(command), events::add);
  }
}
