package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is handed to Helm, and the CRD step of an operator upgrade; no network, no Helm call. */
@EnableKubernetesMockClient(crud = true)
class OperatorInstallerTest {

  KubernetesClient client;

  @Test
  void valuesPinTheImageDisableTheWebhookWatchTheNamespaceAndAllowHttpJars() {
    Map<String, Object> values = OperatorValues.of(K8sTestData.settings(), false);

    assertThat(values.get("image"))
        .isEqualTo(
            Map.of(
                "repository",
                "apache/flink-kubernetes-operator",
                "tag",
                "1.15.0",
                "pullPolicy",
                "IfNotPresent"));
    assertThat(values.get("webhook")).isEqualTo(Map.of("create", false));
    assertThat(values.get("watchNamespaces")).isEqualTo(List.of(K8sTestData.NAMESPACE));
    assertThat(Tree.get(values, "defaultConfiguration", "append")).isEqualTo(true);
    assertThat(Tree.string(values, "defaultConfiguration", "flink-conf.yaml"))
        .contains("kubernetes.operator.user.artifacts.allowed-schemes: https;http\n")
        .contains("kubernetes.operator.user.artifacts.disallow-restricted-hosts: false\n");
    assertThat(OperatorValues.of(K8sTestData.settings(), true).get("webhook"))
        .isEqualTo(Map.of("create", true));
  }

  @Test
  void operatorVersionAndImageFollowTheirProperties() {
    K8sSettings settings =
        K8sTestData.settings(
            Map.of(
                K8sSettings.OPERATOR_VERSION, "1.14.0",
                K8sSettings.OPERATOR_IMAGE, "ghcr.io/apache/flink-kubernetes-operator",
                K8sSettings.OPERATOR_IMAGE_TAG, "a1b2c3d"));

    assertThat(settings.operatorVersion()).isEqualTo("1.14.0");
    assertThat(OperatorValues.of(settings, false).get("image"))
        .isEqualTo(
            Map.of(
                "repository",
                "ghcr.io/apache/flink-kubernetes-operator",
                "tag",
                "a1b2c3d",
                "pullPolicy",
                "IfNotPresent"));
    assertThat(
            K8sTestData.settings(Map.of(K8sSettings.OPERATOR_VERSION, "1.14.0")).operatorImageTag())
        .isEqualTo("1.14.0");
  }

  @Test
  void valuesSurviveTheTripThroughAValuesFile() {
    Map<String, Object> values = OperatorValues.of(K8sTestData.settings(), false);

    @SuppressWarnings("unchecked")
    Map<String, Object> read = Serialization.unmarshal(Serialization.asYaml(values), Map.class);
    assertThat(read).isEqualTo(values);
  }

  @Test
  void chartComesFromTheApacheReleaseDirectoryThenTheArchive() {
    assertThat(OperatorInstaller.chartUrls("1.15.0"))
        .containsExactly(
            URI.create(
                "https://downloads.apache.org/flink/flink-kubernetes-operator-1.15.0/"
                    + "flink-kubernetes-operator-1.15.0-helm.tgz"),
            URI.create(
                "https://archive.apache.org/dist/flink/flink-kubernetes-operator-1.15.0/"
                    + "flink-kubernetes-operator-1.15.0-helm.tgz"));
  }

  /** Writes a minimal ustar archive, gzipped, as {@code helm package} would. */
  private static Path chartArchive(Path dir, Map<String, String> files) throws Exception {
    Path archive = dir.resolve("flink-kubernetes-operator-9.9.9-helm.tgz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        put(header, 0, file.getKey());
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", bytes.length));
        put(header, 136, "00000000000");
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        out.write(header);
        out.write(bytes);
        out.write(new byte[(512 - bytes.length % 512) % 512]);
      }
      out.write(new byte[1024]);
    }
    return archive;
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  private static String crd(String plural, String version) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: %1$s.flink.apache.org
        spec:
          group: flink.apache.org
          names: {kind: X, plural: %1$s, singular: x}
          scope: Namespaced
          versions:
            - name: %2$s
              served: true
              storage: true
              schema:
                openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """
        .formatted(plural, version);
  }

  @Test
  void upgradeReplacesTheCrdsFromTheNewChartFirst(@TempDir Path dir) throws Exception {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            Serialization.unmarshal(
                crd("flinkdeployments", "v1alpha1"), CustomResourceDefinition.class))
        .create();
    Path archive =
        chartArchive(
            dir,
            Map.of(
                "flink-kubernetes-operator/Chart.yaml",
                "name: flink-kubernetes-operator\n",
                "flink-kubernetes-operator/templates/rbac.yaml",
                "kind: ClusterRole\n",
                "flink-kubernetes-operator/crds/flinkdeployments.flink.apache.org-v1.yml",
                crd("flinkdeployments", "v1beta1"),
                "flink-kubernetes-operator/crds/flinksessionjobs.flink.apache.org-v1.yml",
                crd("flinksessionjobs", "v1beta1")));
    OperatorInstaller installer =
        new OperatorInstaller(client, "unused: kubeconfig", K8sTestData.NAMESPACE, dir);

    installer.replaceCrds(archive);

    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
        .extracting(
            c -> c.getMetadata().getName() + " " + c.getSpec().getVersions().get(0).getName())
        .containsExactlyInAnyOrder(
            "flinkdeployments.flink.apache.org v1beta1",
            "flinksessionjobs.flink.apache.org v1beta1");
  }

  @Test
  void anArchiveWithoutCrdsIsRejected(@TempDir Path dir) throws Exception {
    Path archive = chartArchive(dir, Map.of("other/Chart.yaml", "name: other\n"));

    assertThatThrownBy(() -> OperatorInstaller.crds(archive))
        .hasMessageContaining("holds no crds/*.yml");
  }
}
