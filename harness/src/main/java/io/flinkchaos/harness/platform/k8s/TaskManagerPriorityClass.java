package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkchaos.harness.platform.Capability;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PriorityClass only this session cluster's TaskManager pods use ({@code <cluster>-taskmanager},
 * value 0, preemption {@code Never}, labelled with the run), so that a ResourceQuota scoped to it
 * ({@code scopeSelector} on {@code PriorityClass}) counts and caps these pods and nothing else in a
 * shared namespace. The TaskManager pod template names it: Flink's {@code InitTaskManagerDecorator}
 * builds each TaskManager pod on the template pod and overwrites only name, service account and
 * restart policy, so {@code priorityClassName} reaches every pod the ResourceManager creates.
 * PriorityClasses are cluster-scoped: creating one needs the ClusterRole in {@code
 * fixtures/k8s/rbac.yaml}; without it the class is missing and so is "TaskManager down".
 */
final class TaskManagerPriorityClass {

  private static final Logger LOG = LoggerFactory.getLogger(TaskManagerPriorityClass.class);

  private TaskManagerPriorityClass() {}

  static String nameFor(String cluster) {
    return cluster + "-taskmanager";
  }

  /** Creates (or keeps) the class for {@code cluster}; missing, with the reason, when forbidden. */
  static Capability<String> ensure(
      KubernetesClient client, String cluster, Map<String, String> labels) {
    String name = nameFor(cluster);
    try {
      client
          .scheduling()
          .v1()
          .priorityClasses()
          .resource(
              new PriorityClassBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withLabels(labels)
                  .endMetadata()
                  .withValue(0)
                  .withGlobalDefault(false)
                  .withPreemptionPolicy("Never")
                  .withDescription(
                      "TaskManagers of flink-chaos session cluster "
                          + cluster
                          + ": a ResourceQuota scoped to this class keeps them down")
                  .build())
          .createOr(op -> op.update());
      return Capability.of(name);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403) {
        throw e;
      }
      String reason =
          "needs a PriorityClass only this cluster's TaskManagers use, and creating PriorityClass "
              + name
              + " was forbidden: grant the ClusterRole flink-chaos-priorityclasses of"
              + " fixtures/k8s/rbac.yaml";
      LOG.warn("TaskManager down is unavailable: {}", reason);
      return Capability.missing(reason);
    }
  }
}
