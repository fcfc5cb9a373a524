package io.flinkchaos.harness.platform.k8s;

import static io.flinkchaos.harness.platform.k8s.K8sTestData.pod;
import static io.flinkchaos.harness.platform.k8s.K8sTestData.podNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesControlPlaneTest {

  KubernetesMockServer server;
  KubernetesClient client;

  private final List<String> upgradedTo = new ArrayList<>();
  private KubernetesControlPlane controlPlane;

  @BeforeEach
  void setUp() {
    controlPlane =
        new KubernetesControlPlane(
            new ClusterPods(client, K8sTestData.NAMESPACE, "operators", "flink-chaos-1"),
            Duration.ofSeconds(2),
            version -> {
              upgradedTo.add(version);
              return "1.14.0";
            });
  }

  @Test
  void killOperatorDeletesOnlyTheOperatorsPodInItsNamespace() {
    pod(client, "flink-chaos-1-7d9f-jm", "flink-chaos-1", "jobmanager");
    client
        .pods()
        .inNamespace("operators")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("flink-kubernetes-operator-5c8d")
                .withNamespace("operators")
                .addToLabels("app.kubernetes.io/name", "flink-kubernetes-operator")
                .endMetadata()
                .build())
        .create();

    controlPlane.killOperator();

    assertThat(client.pods().inNamespace("operators").list().getItems()).isEmpty();
    assertThat(podNames(client)).containsExactly("flink-chaos-1-7d9f-jm");
    assertThatThrownBy(controlPlane::killOperator)
        .hasMessage(
            "no operator pod in namespace operators with label"
                + " app.kubernetes.io/name=flink-kubernetes-operator");
  }

  @Test
  void upgradeOperatorIsHandedToThePlatformThatInstalledIt() {
    assertThat(controlPlane.upgradeOperator("1.15.0")).isEqualTo("1.14.0");

    assertThat(upgradedTo).containsExactly("1.15.0");
  }

  @Test
  void killJobManagerProcessWithoutAJobManagerSaysWhichLabelsItLookedFor() {
    assertThatThrownBy(controlPlane::killJobManagerProcess)
        .hasMessage(
            "no JobManager pod in chaos-test with labels app=flink-chaos-1,component=jobmanager");
  }
}
