package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ProcessEvents;
import io.flinkchaos.harness.platform.ProcessFaults;
import io.flinkchaos.harness.platform.ProcessFreezer;

/**
 * Faults of a local cluster's processes: SIGKILL (supervision starts a new generation), SIGKILL and
 * hold down (a lost node), SIGSTOP / SIGCONT; the harness supervises the processes, so it also
 * knows when each started and died.
 */
final class LocalProcessFaults implements ProcessFaults {

  private final LocalClusterProcesses processes;
  private final ProcessEvents events;
  private final ProcessFreezer freezer;

  LocalProcessFaults(LocalClusterProcesses processes, ProcessEvents events) {
    this.processes = processes;
    this.events = events;
    this.freezer = new LocalProcessFreezer(processes::of);
  }

  @Override
  public void killTaskManager(int index) {
    processes.taskManager(index).kill();
  }

  /** Kills the JobManager with SIGKILL; supervision starts a new one. */
  @Override
  public void killJobManager() {
    processes.jobManager().kill();
  }

  @Override
  public void takeTaskManagerDown(int index) {
    processes.taskManager(index).killAndHold();
  }

  @Override
  public void bringTaskManagerBack(int index) {
    SupervisedProcess tm = processes.taskManager(index);
    if (tm.isHeld()) {
      tm.start();
    }
  }

  @Override
  public Capability<ProcessEvents> processEvents() {
    return Capability.of(events);
  }

  @Override
  public Capability<ProcessFreezer> freezer() {
    return Capability.of(freezer);
  }
}
