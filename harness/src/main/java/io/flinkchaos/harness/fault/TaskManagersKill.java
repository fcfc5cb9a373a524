package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;
import java.util.List;

/** Kills several TaskManagers in the same instant: one after the other, with no wait between. */
public record TaskManagersKill(List<Integer> indexes) implements Fault {

  public TaskManagersKill {
    indexes = List.copyOf(indexes);
  }

  @Override
  public String description() {
    return "kill TaskManagers " + indexes + " at once";
  }

  @Override
  public java.util.List<Integer> taskManagersHit() {
    return indexes;
  }

  @Override
  public void inject(FlinkCluster cluster) {
    indexes.forEach(cluster.processes()::killTaskManager);
  }

  @Override
  public void heal(FlinkCluster cluster) {
    cluster.awaitReady();
  }
}
