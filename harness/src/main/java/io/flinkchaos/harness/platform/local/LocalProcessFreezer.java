package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.ProcessFreezer;
import java.util.function.Function;

/**
 * SIGSTOP / SIGCONT of the JobManager's or a TaskManager's current JVM. Supervision leaves a frozen
 * process alone (it is alive); a thaw after a kill replaced the frozen process does nothing, and
 * stopping the cluster kills frozen processes (see {@link SupervisedProcess}).
 */
final class LocalProcessFreezer implements ProcessFreezer {

  private final Function<FlinkProcess, SupervisedProcess> processes;

  /**
   * @param processes the supervised process of a logical Flink process
   */
  LocalProcessFreezer(Function<FlinkProcess, SupervisedProcess> processes) {
    this.processes = processes;
  }

  @Override
  public void freeze(FlinkProcess process) {
    processes.apply(process).freeze();
  }

  @Override
  public void thaw(FlinkProcess process) {
    processes.apply(process).thaw();
  }

  @Override
  public String toString() {
    return "SIGSTOP / SIGCONT of local cluster processes";
  }
}
