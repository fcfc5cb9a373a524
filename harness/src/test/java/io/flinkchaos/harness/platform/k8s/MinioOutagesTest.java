package io.flinkchaos.harness.platform.k8s;

import static io.flinkchaos.harness.platform.k8s.K8sTestData.NAMESPACE;
import static io.flinkchaos.harness.platform.k8s.K8sTestData.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.StorageOutages;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MinIO outages against the fabric8 mock API server (this run's MinIO objects as InClusterMinio
 * renders them, Flink pods) and a fake node shell: the exact node commands, the prohibit route in
 * every Flink pod, restore idempotence, a restarted MinIO, and the reasons where they are missing.
 */
@EnableKubernetesMockClient(crud = true)
class MinioOutagesTest {

  static final String CLUSTER = "flink-chaos-1";
  static final String TM = "flink-chaos-1-taskmanager-1-";
  static final String JM = "flink-chaos-1-7d9f-jm";
  static final String MINIO = InClusterMinio.nameFor(K8sTestData.RUN);
  static final String MINIO_POD = MINIO + "-6b7c9-xk2p4";

  KubernetesMockServer server;
  KubernetesClient client;

  private final FakeNodeShell node = new FakeNodeShell();
  private StorageOutages outages;

  @BeforeEach
  void setUp() {
    List<HasMetadata> minio =
        InClusterMinio.manifests(K8sTestData.settings(), K8sTestData.RUN, "key", "secret");
    Service service = (Service) minio.get(2);
    service.getSpec().setClusterIP("10.43.0.30"); // the API server allocates it; the mock does not
    client.resource(service).inNamespace(NAMESPACE).create();
    Deployment deployment = (Deployment) minio.get(1);
    client
        .pods()
        .inNamespace(NAMESPACE)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(MINIO_POD)
                .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .endMetadata()
                .build())
        .create();
    pod(client, TM + "1", CLUSTER, "taskmanager", "10.42.0.11");
    pod(client, TM + "2", CLUSTER, "taskmanager", "10.42.0.12");
    pod(client, JM, CLUSTER, "jobmanager", "10.42.0.5");
    node.runs(MINIO_POD, "cminio", 3900);
    node.runs(TM + "1", "c1", 4101);
    node.runs(TM + "2", "c2", 4102);
    node.runs(JM, "cjm", 4000);
    ClusterPods pods = new ClusterPods(client, NAMESPACE, NAMESPACE, CLUSTER);
    outages = new MinioOutages(client, NAMESPACE, MINIO, node, pods::flinkPods);
  }

  @Test
  void theOutageFreezesTheContainerTheTemplateNames() {
    Deployment deployment =
        (Deployment)
            InClusterMinio.manifests(K8sTestData.settings(), K8sTestData.RUN, "k", "s").get(1);

    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers())
        .extracting(c -> c.getName())
        .containsExactly(InClusterMinio.CONTAINER);
  }

  @Test
  void stoppingAnsweringStopsMinioFromTheNodeAndRestoreContinuesIt() {
    outages.stopAnswering();
    outages.restore();

    String ps =
        "k3s crictl ps --name ^minio$ --label io.kubernetes.pod.name="
            + MINIO_POD
            + " --label io.kubernetes.pod.namespace=chaos-test --state running -q";
    String inspect = "k3s crictl inspect --output go-template --template {{.info.pid}} cminio";
    assertThat(node.commands)
        .containsExactly(ps, inspect, "kill -STOP 3900", ps, inspect, "kill -CONT 3900");
  }

  @Test
  void aMinioRestartedDuringTheStallIsNotSignalledAndASecondRestoreDoesNothing() {
    outages.stopAnswering();
    node.runs(MINIO_POD, "cminio-restarted", 3950); // its liveness probe restarted it

    outages.restore();
    outages.restore();

    assertThat(node.commands).filteredOn(c -> c.startsWith("kill -CONT")).isEmpty();
  }

  @Test
  void refusingAddsAProhibitRouteToMinioInEveryFlinkPodAndRestoreDeletesThem() {
    outages.refuseConnections();

    assertThat(node.commands)
        .filteredOn(c -> c.startsWith("nsenter"))
        .containsExactly(
            "nsenter -t 4000 -n ip route replace prohibit 10.43.0.30/32",
            "nsenter -t 4101 -n ip route replace prohibit 10.43.0.30/32",
            "nsenter -t 4102 -n ip route replace prohibit 10.43.0.30/32");
    for (String pod : List.of(JM, TM + "1", TM + "2")) {
      assertThat(node.routes(pod)).as(pod).containsExactly("prohibit 10.43.0.30/32");
    }
    assertThat(node.routes(MINIO_POD)).isEmpty();

    node.commands.clear();
    outages.restore();

    assertThat(node.commands)
        .filteredOn(c -> c.contains(" del "))
        .containsExactly(
            "nsenter -t 4000 -n ip route del prohibit 10.43.0.30/32",
            "nsenter -t 4101 -n ip route del prohibit 10.43.0.30/32",
            "nsenter -t 4102 -n ip route del prohibit 10.43.0.30/32");
    for (String pod : List.of(JM, TM + "1", TM + "2")) {
      assertThat(node.routes(pod)).as(pod).isEmpty();
    }
    node.commands.clear();
    outages.restore();
    assertThat(node.commands).isEmpty();
  }

  @Test
  void aTaskManagerPodThatStartsDuringTheOutageIsNotCutOffAndAGoneOneIsSkipped() {
    outages.refuseConnections();
    client.pods().inNamespace(NAMESPACE).withName(TM + "2").delete();
    node.gone(TM + "2");
    pod(client, TM + "3", CLUSTER, "taskmanager", "10.42.0.13");
    node.runs(TM + "3", "c3", 4103);

    outages.restore();

    assertThat(node.routes(TM + "3")).isEmpty();
    assertThat(node.commands).noneMatch(c -> c.contains("-t 4103"));
    assertThat(node.routes(JM)).isEmpty();
    assertThat(node.routes(TM + "1")).isEmpty();
  }

  @Test
  void withoutAMinioPodTheStallSaysWhichLabelsItLookedFor() {
    client.pods().inNamespace(NAMESPACE).withName(MINIO_POD).delete();

    assertThatThrownBy(outages::stopAnswering)
        .hasMessage(
            "no MinIO pod in chaos-test with labels app.kubernetes.io/instance="
                + K8sTestData.RUN.value()
                + ",app.kubernetes.io/name=minio (the selector of Service "
                + MINIO
                + ")");
  }

  @Test
  void missingWithYourOwnS3AndWithoutNodeAccessWithTheReasons() {
    Capability<NodeShell> k3s = Capability.of(node);
    Capability<NodeShell> kubeconfig = Capability.missing("no node");

    assertThat(MinioOutages.on(true, k3s, shell -> outages).missingBecause())
        .contains(
            "needs the in-cluster MinIO the harness runs; with -Dharness.s3.endpoint=aws the store"
                + " is your own S3, which the harness neither stops nor cuts off");
    assertThat(MinioOutages.on(false, kubeconfig, shell -> outages).missingBecause())
        .contains(
            "needs node access to freeze MinIO or add routes in the Flink pods' network namespaces"
                + " (-Dharness.platform=k3s has it; a kubeconfig cluster does not)");
    assertThat(MinioOutages.on(false, k3s, shell -> outages).get()).containsSame(outages);
  }
}
