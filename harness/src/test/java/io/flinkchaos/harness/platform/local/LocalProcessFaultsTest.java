package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.ProcessEvent;
import io.flinkchaos.harness.platform.ProcessFreezer;
import io.flinkchaos.harness.wait.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Process faults on stand-in processes ({@code sleep}) supervised as a cluster's would be. */
class LocalProcessFaultsTest {

  @TempDir Path workDir;

  private ClusterEventLog events;
  private LocalClusterProcesses processes;
  private LocalProcessFaults faults;

  @BeforeEach
  void startStandIns() {
    events = new ClusterEventLog(workDir.resolve("cluster-events.log"));
    processes =
        new LocalClusterProcesses(
            workDir,
            null,
            sleeper("jobmanager"),
            List.of(sleeper("taskmanager-1"), sleeper("taskmanager-2")));
    processes.start();
    faults = new LocalProcessFaults(processes, events);
  }

  @AfterEach
  void stop() {
    processes.stop(Duration.ofSeconds(1));
  }

  @Test
  void aKilledTaskManagerIsReplacedAndStaysTaskManagerN() {
    long first = processes.taskManager(2).pid();

    faults.killTaskManager(2);

    Waits.until(
        "a second generation of TaskManager 2",
        Duration.ofSeconds(10),
        () -> processes.taskManager(2).generation(),
        generation -> generation == 2 && processes.allAlive());
    assertThat(processes.pids()).hasSize(3).doesNotContain(first);
    assertThat(processes.taskManager(1).generation()).isEqualTo(1);
    List<ProcessEvent> history =
        faults.processEvents().require("process events").history().stream()
            .filter(e -> e.process().equals("taskmanager-2"))
            .toList();
    assertThat(history)
        .extracting(ProcessEvent::type)
        .startsWith(ProcessEvent.Type.STARTED, ProcessEvent.Type.KILLED, ProcessEvent.Type.EXITED)
        .endsWith(ProcessEvent.Type.STARTED);
  }

  @Test
  void aTaskManagerTakenDownStaysDownUntilBroughtBack() {
    long pid = processes.taskManager(1).pid();

    faults.takeTaskManagerDown(1);

    Waits.until(
        "TaskManager 1 pid " + pid + " to exit",
        Duration.ofSeconds(10),
        () -> ProcessHandle.of(pid).isPresent(),
        present -> !present);
    assertThat(processes.expectedTaskManagers()).isEqualTo(1);
    assertThat(processes.allAlive()).as("held down is not a failure").isTrue();

    faults.bringTaskManagerBack(1);
    faults.bringTaskManagerBack(1);

    assertThat(processes.taskManager(1).generation()).isEqualTo(2);
    assertThat(processes.expectedTaskManagers()).isEqualTo(2);
  }

  @Test
  void theFreezerStopsTheJobManagerOrTaskManagerNAndThawsIt() {
    ProcessFreezer freezer = faults.freezer().require("freeze");

    freezer.freeze(FlinkProcess.taskManager(2));
    freezer.freeze(FlinkProcess.jobManager());

    assertThat(Freeze.state(processes.taskManager(2).pid())).isEqualTo("T");
    assertThat(Freeze.state(processes.jobManager().pid())).isEqualTo("T");
    assertThat(Freeze.state(processes.taskManager(1).pid())).isNotEqualTo("T");
    assertThat(processes.allAlive()).isTrue();

    freezer.thaw(FlinkProcess.taskManager(2));
    freezer.thaw(FlinkProcess.jobManager());
    freezer.thaw(FlinkProcess.jobManager());

    assertThat(Freeze.state(processes.taskManager(2).pid())).isNotEqualTo("T");
    assertThat(Freeze.state(processes.jobManager().pid())).isNotEqualTo("T");
  }

  @Test
  void anUnknownTaskManagerIsAOneLineError() {
    assertThatThrownBy(() -> faults.killTaskManager(3))
        .hasMessage("TaskManager 3 does not exist: this cluster has TaskManagers 1..2");
    assertThatThrownBy(() -> faults.freezer().require("freeze").freeze(FlinkProcess.taskManager(3)))
        .hasMessage("TaskManager 3 does not exist: this cluster has TaskManagers 1..2");
  }

  private SupervisedProcess sleeper(String name) {
    return new SupervisedProcess(name, gen -> new ProcessBuilder("sleep", "60"), events::record);
  }
}
