package io.flinkchaos.harness.platform.k8s;

import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ProcessEvents;
import io.flinkchaos.harness.platform.ProcessFaults;
import io.flinkchaos.harness.platform.ProcessFreezer;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone cluster's process faults: those of {@link PodFaults}, and a lost node pool as the
 * TaskManager Deployment scaled to zero and back (nothing reconciles it, as nothing would after a
 * node pool is gone).
 */
final class StandaloneProcessFaults implements ProcessFaults {

  private static final Logger LOG = LoggerFactory.getLogger(StandaloneProcessFaults.class);

  private final PodFaults pods;
  private final ClusterPods clusterPods;
  private final Supplier<String> taskManagerDeployment;
  private final IntConsumer awaitTaskManagers;
  private final Duration atMost;

  /**
   * @param taskManagerDeployment the name of the TaskManager Deployment
   * @param awaitTaskManagers waits (bounded) until that many TaskManagers are registered
   * @param atMost how long the TaskManager pods may take to go
   */
  StandaloneProcessFaults(
      PodFaults pods,
      ClusterPods clusterPods,
      Supplier<String> taskManagerDeployment,
      IntConsumer awaitTaskManagers,
      Duration atMost) {
    this.pods = pods;
    this.clusterPods = clusterPods;
    this.taskManagerDeployment = taskManagerDeployment;
    this.awaitTaskManagers = awaitTaskManagers;
    this.atMost = atMost;
  }

  @Override
  public void killTaskManager(int index) {
    pods.killTaskManager(index);
  }

  @Override
  public void killJobManager() {
    pods.killJobManager();
  }

  @Override
  public void takeTaskManagerDown(int index) {
    pods.takeTaskManagerDown(index);
  }

  @Override
  public void bringTaskManagerBack(int index) {
    pods.bringTaskManagerBack(index);
  }

  /** Scales the TaskManager Deployment to zero and waits (bounded) until its pods are gone. */
  @Override
  public void takeAllTaskManagersDown(int count) {
    scale(0);
    Waits.until(
        "the TaskManager pods of " + clusterPods.where() + " gone (Deployment scaled to 0)",
        atMost,
        () -> ClusterPods.names(clusterPods.taskManagers()),
        java.util.List::isEmpty);
  }

  /** Scales the TaskManager Deployment back to {@code count} and waits until they registered. */
  @Override
  public void bringAllTaskManagersBack(int count) {
    scale(count);
    awaitTaskManagers.accept(count);
  }

  private void scale(int replicas) {
    String name = taskManagerDeployment.get();
    LOG.info("Scaling TaskManager Deployment {}/{} to {}", clusterPods.namespace(), name, replicas);
    clusterPods
        .client()
        .apps()
        .deployments()
        .inNamespace(clusterPods.namespace())
        .withName(name)
        .edit(
            d -> {
              d.getSpec().setReplicas(replicas);
              return d;
            });
  }

  @Override
  public Capability<ProcessEvents> processEvents() {
    return pods.processEvents();
  }

  @Override
  public Capability<ProcessFreezer> freezer() {
    return pods.freezer();
  }
}
