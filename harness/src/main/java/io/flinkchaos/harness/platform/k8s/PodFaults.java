package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ProcessEvents;
import io.flinkchaos.harness.platform.ProcessFaults;
import io.flinkchaos.harness.platform.ProcessFreezer;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process faults as pod deletions (grace period 0): Flink's native Kubernetes ResourceManager
 * replaces a TaskManager pod, the JobManager's Deployment replaces its pod. TaskManagers are
 * addressed by their logical number ({@link TaskManagerNumbers}).
 *
 * <p>The down-quota: Kubernetes cannot delete one pod and forbid its replacement, so taking a
 * TaskManager down caps this cluster's TaskManager pods with a ResourceQuota ({@code <cluster>-
 * taskmanager-down}) whose {@code scopeSelector} matches only pods of the cluster's own
 * PriorityClass ({@link TaskManagerPriorityClass}): the operator, MinIO, the JobManager and every
 * other tenant of the namespace are not counted and never blocked. At the first take-down the quota
 * is set to the TaskManager pods counted then minus one; each further take-down lowers it by one,
 * each bring-back raises it by one, and it is deleted when no TaskManager is down. Flink 1.20's
 * {@code KubernetesResourceManagerDriver#requestResource} completes the worker request
 * exceptionally when the API server rejects the pod, and the ResourceManager requests it again, so
 * the replacement appears as soon as the quota is raised; the new pod takes the number brought
 * back, which was reserved meanwhile.
 */
final class PodFaults implements ProcessFaults {

  private static final Logger LOG = LoggerFactory.getLogger(PodFaults.class);

  private final ClusterPods pods;
  private final TaskManagerNumbers numbers;
  private final int taskManagers;
  private final IntConsumer awaitTaskManagers;
  private final Capability<ProcessFreezer> freezer;
  private final Supplier<Capability<String>> priorityClass;
  private final Map<String, String> labels;
  private long podsBeforeDown;

  /**
   * @param awaitTaskManagers waits (bounded) until the cluster is ready with that many TaskManagers
   * @param priorityClass the PriorityClass only this cluster's TaskManagers use, or why none
   * @param labels the run's labels, put on the down-quota
   */
  PodFaults(
      ClusterPods pods,
      TaskManagerNumbers numbers,
      int taskManagers,
      IntConsumer awaitTaskManagers,
      Capability<ProcessFreezer> freezer,
      Supplier<Capability<String>> priorityClass,
      Map<String, String> labels) {
    this.pods = pods;
    this.numbers = numbers;
    this.taskManagers = taskManagers;
    this.awaitTaskManagers = awaitTaskManagers;
    this.freezer = freezer;
    this.priorityClass = priorityClass;
    this.labels = Map.copyOf(labels);
  }

  @Override
  public void killTaskManager(int index) {
    deleteTaskManager(index, "TaskManager " + index);
  }

  private void deleteTaskManager(int index, String role) {
    String pod = numbers.podOf(index);
    pods.deleteNow(pods.namespace(), pod, role);
  }

  @Override
  public void killJobManager() {
    pods.requireJobManagers().forEach(pod -> pods.deleteNow(pod, "JobManager"));
  }

  @Override
  public synchronized void takeTaskManagerDown(int index) {
    priorityClass.get().require("taking TaskManager " + index + " of " + pods.where() + " down");
    numbers.podOf(index); // fails at once for an unknown number or one already down
    if (numbers.downCount() == 0) {
      podsBeforeDown = pods.taskManagers().size();
    }
    long hard = podsBeforeDown - numbers.downCount() - 1;
    quota(hard);
    deleteTaskManager(
        index,
        "TaskManager "
            + index
            + " (kept down by quota "
            + downQuotaName()
            + ": pods="
            + hard
            + " of PriorityClass "
            + priorityClass.get().get().orElseThrow()
            + ")");
    numbers.markDown(index);
  }

  @Override
  public synchronized void bringTaskManagerBack(int index) {
    if (!numbers.isDown(index)) {
      LOG.info("TaskManager {} of {} is not down: nothing to bring back", index, pods.where());
      return;
    }
    numbers.markUp(index);
    if (numbers.downCount() == 0) {
      pods.client()
          .resourceQuotas()
          .inNamespace(pods.namespace())
          .withName(downQuotaName())
          .delete();
    } else {
      quota(podsBeforeDown - numbers.downCount());
    }
    awaitTaskManagers.accept(taskManagers - numbers.downCount());
  }

  private void quota(long pods) {
    ResourceQuota quota =
        new ResourceQuotaBuilder()
            .withNewMetadata()
            .withName(downQuotaName())
            .withNamespace(this.pods.namespace())
            .addToLabels(labels)
            .endMetadata()
            .withNewSpec()
            .addToHard("pods", new Quantity(Long.toString(pods)))
            .withNewScopeSelector()
            .addNewMatchExpression()
            .withScopeName("PriorityClass")
            .withOperator("In")
            .withValues(priorityClass.get().get().orElseThrow())
            .endMatchExpression()
            .endScopeSelector()
            .endSpec()
            .build();
    this.pods
        .client()
        .resourceQuotas()
        .inNamespace(this.pods.namespace())
        .resource(quota)
        .createOr(op -> op.update());
  }

  /** Name of the ResourceQuota that keeps TaskManagers down. */
  String downQuotaName() {
    return pods.cluster() + "-taskmanager-down";
  }

  @Override
  public Capability<ProcessEvents> processEvents() {
    return Capability.missing(
        "needs a platform whose processes the harness supervises itself (the local platform)");
  }

  @Override
  public Capability<ProcessFreezer> freezer() {
    return freezer;
  }
}
