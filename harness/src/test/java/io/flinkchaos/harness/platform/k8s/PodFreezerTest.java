package io.flinkchaos.harness.platform.k8s;

import static io.flinkchaos.harness.platform.k8s.K8sTestData.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.flinkchaos.harness.platform.FlinkProcess;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PodFreezerTest {

  static final String CLUSTER = "flink-chaos-1";
  static final String TM = "flink-chaos-1-taskmanager-1-";

  KubernetesMockServer server;
  KubernetesClient client;

  private final FakeNodeShell node = new FakeNodeShell();
  private PodFreezer freezer;

  @BeforeEach
  void setUp() {
    ClusterPods pods =
        new ClusterPods(client, K8sTestData.NAMESPACE, K8sTestData.NAMESPACE, CLUSTER);
    freezer = new PodFreezer(pods, new TaskManagerNumbers(pods, 2, Duration.ofSeconds(1)), node);
    pod(client, TM + "1", CLUSTER, "taskmanager");
    pod(client, TM + "2", CLUSTER, "taskmanager");
    pod(client, "flink-chaos-1-7d9f-jm", CLUSTER, "jobmanager");
    node.runs(TM + "1", "c1", 4101);
    node.runs(TM + "2", "c2", 4102);
    node.runs("flink-chaos-1-7d9f-jm", "cjm", 4000);
  }

  @Test
  void freezeStopsTheContainersPid1AsTheNodeSeesItAndThawContinuesIt() {
    freezer.freeze(FlinkProcess.taskManager(2));
    freezer.thaw(FlinkProcess.taskManager(2));

    assertThat(node.commands)
        .containsExactly(
            "k3s crictl ps --name ^flink-main-container$ --label io.kubernetes.pod.name="
                + TM
                + "2 --label io.kubernetes.pod.namespace=chaos-test --state running -q",
            "k3s crictl inspect --output go-template --template {{.info.pid}} c2",
            "kill -STOP 4102",
            "k3s crictl ps --name ^flink-main-container$ --label io.kubernetes.pod.name="
                + TM
                + "2 --label io.kubernetes.pod.namespace=chaos-test --state running -q",
            "k3s crictl inspect --output go-template --template {{.info.pid}} c2",
            "kill -CONT 4102");
  }

  @Test
  void theJobManagerIsFrozenInItsPod() {
    freezer.freeze(FlinkProcess.jobManager());

    assertThat(node.commands).last().isEqualTo("kill -STOP 4000");
  }

  @Test
  void thawingAProcessWhoseContainerWasReplacedOrWhichWasNotFrozenIsANoOp() {
    freezer.thaw(FlinkProcess.taskManager(1));
    assertThat(node.commands).isEmpty();

    freezer.freeze(FlinkProcess.taskManager(1));
    node.runs(TM + "1", "c1-restarted", 5101); // the kubelet restarted the container
    freezer.thaw(FlinkProcess.taskManager(1));
    freezer.freeze(FlinkProcess.taskManager(2));
    node.gone(TM + "2"); // the pod was replaced
    freezer.thaw(FlinkProcess.taskManager(2));

    assertThat(node.commands).filteredOn(c -> c.startsWith("kill -CONT")).isEmpty();
  }

  @Test
  void freezingAPodWithoutARunningMainContainerSaysWhich() {
    node.gone(TM + "1");

    assertThatThrownBy(() -> freezer.freeze(FlinkProcess.taskManager(1)))
        .hasMessage(
            "cannot freeze TaskManager 1: no running container flink-main-container in pod"
                + " chaos-test/"
                + TM
                + "1 on the node");
  }
}
