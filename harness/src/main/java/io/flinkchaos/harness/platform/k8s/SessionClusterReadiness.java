package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * When a cluster's FlinkDeployment is usable: the operator reports its JobManager deployment READY
 * and enough TaskManagers are registered with the JobManager.
 */
final class SessionClusterReadiness {

  private final KubernetesClient client;
  private final String namespace;
  private final Supplier<String> name;
  private final IntSupplier registeredTaskManagers;

  /**
   * @param registeredTaskManagers what the JobManager reports (over REST)
   */
  SessionClusterReadiness(
      KubernetesClient client,
      String namespace,
      Supplier<String> name,
      IntSupplier registeredTaskManagers) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.registeredTaskManagers = registeredTaskManagers;
  }

  /** The FlinkDeployment's {@code status.jobManagerDeploymentStatus} (READY when usable). */
  String jobManagerDeploymentStatus() {
    GenericKubernetesResource deployment =
        FlinkResources.deployments(client).inNamespace(namespace).withName(name.get()).get();
    if (deployment == null) {
      return "no such FlinkDeployment";
    }
    String status =
        Tree.string(deployment.getAdditionalProperties(), "status", "jobManagerDeploymentStatus");
    String error = Tree.string(deployment.getAdditionalProperties(), "status", "error");
    return (status == null ? "(no status yet)" : status)
        + (error == null ? "" : ", error " + error);
  }

  /** Waits until the JobManager is READY and {@code taskManagers} TaskManagers registered. */
  void awaitReady(Duration atMost, int taskManagers) {
    Waits.until(
        "FlinkDeployment " + namespace + "/" + name.get() + " jobManagerDeploymentStatus READY",
        atMost,
        () -> jobManagerDeploymentStatus() + "; " + PodStates.in(client, namespace),
        status -> status.startsWith("READY"));
    Waits.until(
        taskManagers
            + " TaskManagers registered with the JobManager of "
            + namespace
            + "/"
            + name.get(),
        atMost,
        registeredTaskManagers::getAsInt,
        registered -> registered >= taskManagers);
  }
}
