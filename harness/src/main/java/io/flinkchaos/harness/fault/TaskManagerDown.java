package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;

/** Takes one TaskManager away and keeps it away (a lost node) until healed. */
public record TaskManagerDown(int index) implements Fault {

  @Override
  public String description() {
    return "take TaskManager " + index + " down (not replaced)";
  }

  @Override
  public java.util.List<Integer> taskManagersHit() {
    return java.util.List.of(index);
  }

  @Override
  public void inject(FlinkCluster cluster) {
    cluster.processes().takeTaskManagerDown(index);
  }

  @Override
  public void heal(FlinkCluster cluster) {
    cluster.processes().bringTaskManagerBack(index);
    cluster.awaitReady();
  }
}
