package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Every TaskManager of the cluster gone at once and kept away until healed: the node pool they ran
 * on is lost. The job cannot run anywhere meanwhile; once they are back it must restore its latest
 * checkpoint.
 */
public record AllTaskManagersDown(int count) implements Fault {

  @Override
  public String description() {
    return "take all " + count + " TaskManagers down (the node pool is lost)";
  }

  @Override
  public List<Integer> taskManagersHit() {
    return IntStream.rangeClosed(1, count).boxed().toList();
  }

  @Override
  public void inject(FlinkCluster cluster) {
    cluster.processes().takeAllTaskManagersDown(count);
  }

  @Override
  public void heal(FlinkCluster cluster) {
    cluster.processes().bringAllTaskManagersBack(count);
    cluster.awaitReady();
  }
}
