package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.wait.Progress;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A throwaway single-node k3s in Docker (Testcontainers, image {@code -Dharness.k3s.image}), with
 * the operator installed by Helm, MinIO, and the session cluster. Needs Docker with privileged
 * containers (a CI runner): where Docker is missing it fails at once with one line.
 */
public final class K3sPlatform extends KubernetesPlatform {

  public static final String NEEDS_DOCKER =
      "-Dharness.platform=k3s needs Docker: start Docker or use -Dharness.platform=local";
  static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);

  private final K3sContainer k3s;

  private K3sPlatform(
      HarnessSettings harness,
      K8sSettings settings,
      K3sContainer k3s,
      KubernetesClient client,
      String kubeconfigYaml) {
    super(harness, settings, client, kubeconfigYaml);
    this.k3s = k3s;
  }

  public static K3sPlatform fromSettings(HarnessSettings harness) {
    requireDocker(() -> DockerClientFactory.instance().isDockerAvailable());
    K8sSettings settings = K8sSettings.from(harness, true);
    Progress.say(
        "Starting k3s in Docker ("
            + settings.k3sImage()
            + "; Docker pulls the image first if it does not have it)");
    K3sContainer k3s = new K3sContainer(DockerImageName.parse(settings.k3sImage()));
    k3s.withStartupTimeout(STARTUP_TIMEOUT);
    k3s.start();
    KubernetesClient client = null;
    try {
      String kubeconfig = k3s.getKubeConfigYaml();
      client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(settings.namespace())
                  .addToLabels(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE)
                  .endMetadata()
                  .build())
          .createOr(op -> op.update());
      K3sPlatform platform = new K3sPlatform(harness, settings, k3s, client, kubeconfig);
      platform.prepare();
      return platform;
    } catch (RuntimeException e) {
      if (client != null) {
        client.close();
      }
      k3s.stop();
      throw e;
    }
  }

  /** Fails with one actionable line when Docker is not available. */
  static void requireDocker(BooleanSupplier dockerAvailable) {
    if (!dockerAvailable.getAsBoolean()) {
      throw new IllegalStateException(NEEDS_DOCKER);
    }
  }

  @Override
  public String name() {
    return "k3s";
  }

  /** The k3s container is the node. */
  @Override
  protected Capability<NodeShell> nodeShell() {
    return Capability.of(new K3sNodeShell(k3s, settings.timeouts().ready()));
  }

  @Override
  protected boolean uninstallOperatorOnClose() {
    return false; // the whole k3s goes away
  }

  @Override
  protected void closeInfrastructure(boolean keepEvidence) {
    k3s.stop();
  }
}
