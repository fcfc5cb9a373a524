package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkchaos.harness.config.HarnessSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An existing cluster from {@code -Dharness.kubeconfig} (context {@code -Dharness.k8s.context},
 * namespace {@code -Dharness.k8s.namespace}, which must exist). By default it expects the operator
 * to be installed already and creates only namespaced objects labelled {@code
 * app.kubernetes.io/managed-by=flink-chaos}, deleting them on close. With {@code
 * -Dharness.k8s.installOperator=true} it installs the operator's Helm release (cluster-scoped CRDs
 * and RBAC included) and uninstalls it on close.
 */
public final class KubeconfigPlatform extends KubernetesPlatform {

  private KubeconfigPlatform(
      HarnessSettings harness, K8sSettings settings, KubernetesClient client, String yaml) {
    super(harness, settings, client, yaml);
  }

  public static KubeconfigPlatform fromSettings(HarnessSettings harness) {
    K8sSettings settings = K8sSettings.from(harness, false);
    Path kubeconfig =
        settings
            .kubeconfig()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "-Dharness.platform=kubeconfig needs -D"
                            + K8sSettings.KUBECONFIG
                            + "=path/to/kubeconfig (and optionally -D"
                            + K8sSettings.CONTEXT
                            + " and -D"
                            + K8sSettings.NAMESPACE
                            + ")"));
    String yaml;
    try {
      yaml = withCurrentContext(Files.readString(kubeconfig), settings.context().orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read -D" + K8sSettings.KUBECONFIG + "=" + kubeconfig, e);
    }
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(null, yaml, kubeconfig.toString()))
            .build();
    try {
      try (KubernetesClient probe = probe(client.getConfiguration())) {
        requireNamespace(probe, settings.namespace());
      }
      KubeconfigPlatform platform = new KubeconfigPlatform(harness, settings, client, yaml);
      platform.prepare();
      return platform;
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * A client for the first request only: an unreachable API server is reported in seconds, not
   * after fabric8's default retries, which the harness keeps for everything after.
   */
  private static KubernetesClient probe(Config config) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(config)
                .withConnectionTimeout(10_000)
                .withRequestRetryBackoffLimit(1)
                .build())
        .build();
  }

  /** The kubeconfig with {@code context} as its current context (Helm reads that one). */
  static String withCurrentContext(String kubeconfigYaml, String context) {
    if (context == null) {
      return kubeconfigYaml;
    }
    io.fabric8.kubernetes.api.model.Config config =
        KubeConfigUtils.parseConfigFromString(kubeconfigYaml);
    if (config.getContexts().stream().noneMatch(c -> context.equals(c.getName()))) {
      throw new IllegalArgumentException(
          "-D"
              + K8sSettings.CONTEXT
              + "="
              + context
              + " is not a context of the kubeconfig; it has "
              + config.getContexts().stream().map(c -> c.getName()).toList());
    }
    config.setCurrentContext(context);
    return Serialization.asYaml(config);
  }

  private static void requireNamespace(KubernetesClient client, String namespace) {
    try {
      Namespace existing = client.namespaces().withName(namespace).get();
      if (existing == null) {
        throw new IllegalStateException(
            "namespace "
                + namespace
                + " does not exist: create it or set -D"
                + K8sSettings.NAMESPACE
                + " (the harness creates only namespaced objects)");
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        return; // no right to read namespaces: creating the first object will tell
      }
      throw new IllegalStateException(
          "cannot reach the Kubernetes API at "
              + client.getConfiguration().getMasterUrl()
              + " (context "
              + client.getConfiguration().getCurrentContext().getName()
              + "): "
              + rootMessage(e)
              + "; check -D"
              + K8sSettings.KUBECONFIG
              + " and -D"
              + K8sSettings.CONTEXT
              + ", and that the cluster is up",
          e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null
            ? ""
            : ": " + root.getMessage().lines().findFirst().orElse(""));
  }

  @Override
  public String name() {
    return "kubeconfig";
  }

  @Override
  protected boolean uninstallOperatorOnClose() {
    return true;
  }
}
