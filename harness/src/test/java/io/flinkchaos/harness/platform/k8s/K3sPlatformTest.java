package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K3sPlatformTest {

  @Test
  void withoutDockerK3sFailsAtOnceWithOneActionableLine() {
    assertThatThrownBy(() -> K3sPlatform.requireDocker(() -> false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "-Dharness.platform=k3s needs Docker: start Docker or use -Dharness.platform=local");
    assertThatCode(() -> K3sPlatform.requireDocker(() -> true)).doesNotThrowAnyException();
  }

  @Test
  void k3sImageAndOperatorDefaultsArePinnedAndOverridable() {
    K8sSettings defaults = K8sTestData.settings();
    org.assertj.core.api.Assertions.assertThat(defaults.k3sImage())
        .isEqualTo("rancher/k3s:v1.34.1-k3s1");
    org.assertj.core.api.Assertions.assertThat(defaults.operatorVersion()).isEqualTo("1.15.0");
    org.assertj.core.api.Assertions.assertThat(
            K8sTestData.settings(Map.of(K8sSettings.K3S_IMAGE, "rancher/k3s:v1.32.4-k3s1"))
                .k3sImage())
        .isEqualTo("rancher/k3s:v1.32.4-k3s1");
  }

  @Test
  void kubeconfigContextIsMadeCurrentForHelmAndAnUnknownOneIsRejected(@TempDir Path dir)
      throws Exception {
    String kubeconfig =
        """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
          - name: c1
            cluster: {server: "https://127.0.0.1:6443"}
        users:
          - name: u1
            user: {token: abc}
        contexts:
          - name: dev
            context: {cluster: c1, user: u1}
          - name: ci
            context: {cluster: c1, user: u1, namespace: flink-chaos}
        """;
    Files.writeString(dir.resolve("kubeconfig"), kubeconfig);

    org.assertj.core.api.Assertions.assertThat(
            KubeconfigPlatform.withCurrentContext(kubeconfig, "ci"))
        .contains("current-context: \"ci\"");
    org.assertj.core.api.Assertions.assertThat(
            KubeconfigPlatform.withCurrentContext(kubeconfig, null))
        .isSameAs(kubeconfig);
    assertThatThrownBy(() -> KubeconfigPlatform.withCurrentContext(kubeconfig, "prod"))
        .hasMessage(
            "-Dharness.k8s.context=prod is not a context of the kubeconfig; it has" + " [dev, ci]");
  }

  @Test
  void kubeconfigPlatformWithoutAKubeconfigSaysWhatToSet() {
    assertThatThrownBy(
            () ->
                KubeconfigPlatform.fromSettings(
                    new io.flinkchaos.harness.config.HarnessSettings(new java.util.Properties())))
        .hasMessageStartingWith(
            "-Dharness.platform=kubeconfig needs -Dharness.kubeconfig=path/to/kubeconfig");
  }

  @Test
  void anUnreachableApiServerIsReportedInSecondsWithOneLine(@TempDir Path dir) throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path kubeconfig = dir.resolve("kubeconfig");
    java.nio.file.Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: gone
          cluster: {server: "https://127.0.0.1:%d"}
        contexts:
        - name: gone
          context: {cluster: gone, user: nobody}
        current-context: gone
        users:
        - name: nobody
          user: {token: not-a-real-token}
        """
            .formatted(closedPort));
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty(K8sSettings.KUBECONFIG, kubeconfig.toString());
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                KubeconfigPlatform.fromSettings(
                    new io.flinkchaos.harness.config.HarnessSettings(properties)))
        .hasMessageStartingWith(
            "cannot reach the Kubernetes API at https://127.0.0.1:" + closedPort)
        .hasMessageContaining("check -Dharness.kubeconfig");
    org.assertj.core.api.Assertions.assertThat(
            java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(10));
  }
}
