package io.flinkchaos.harness.platform.k8s;

import static io.flinkchaos.harness.platform.k8s.K8sTestData.NAMESPACE;
import static io.flinkchaos.harness.platform.k8s.K8sTestData.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.MissingCapabilityException;
import io.flinkchaos.harness.platform.NetworkFaults;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Partitions against the fabric8 mock API server (pods, Services) and a fake node shell: the exact
 * node commands, both directions, heal idempotence, replaced pods and restarted containers.
 */
@EnableKubernetesMockClient(crud = true)
class PodNetworkFaultsTest {

  static final String CLUSTER = "flink-chaos-1";
  static final String TM = "flink-chaos-1-taskmanager-1-";
  static final String JM = "flink-chaos-1-7d9f-jm";

  KubernetesMockServer server;
  KubernetesClient client;

  private final FakeNodeShell node = new FakeNodeShell();
  private NetworkFaults network;

  @BeforeEach
  void setUp() {
    ClusterPods pods = new ClusterPods(client, NAMESPACE, NAMESPACE, CLUSTER);
    network =
        PodNetworkFaults.on(
                Capability.of(node), pods, new TaskManagerNumbers(pods, 2, Duration.ofSeconds(1)))
            .require("partition");
    pod(client, TM + "1", CLUSTER, "taskmanager", "10.42.0.11");
    pod(client, TM + "2", CLUSTER, "taskmanager", "10.42.0.12");
    pod(client, JM, CLUSTER, "jobmanager", "10.42.0.5");
    // Flink's native internal Service is headless; the REST Service has a ClusterIP; MinIO's
    // Service selects other pods and is never cut.
    service(CLUSTER, "None", Map.of("app", CLUSTER, "component", "jobmanager"));
    service(CLUSTER + "-rest", "10.43.0.20", Map.of("app", CLUSTER, "component", "jobmanager"));
    service("fc-run-minio", "10.43.0.30", Map.of("app.kubernetes.io/name", "minio"));
    node.runs(TM + "1", "c1", 4101);
    node.runs(TM + "2", "c2", 4102);
    node.runs(JM, "cjm", 4000);
  }

  private void service(String name, String clusterIp, Map<String, String> selector) {
    client
        .services()
        .inNamespace(NAMESPACE)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withClusterIP(clusterIp)
                .withSelector(selector)
                .addNewPort()
                .withPort(8081)
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  @Test
  void aPartitionAddsBlackholeRoutesInBothPodsNamespacesAndTheHealDeletesThem() {
    network.partition(FlinkProcess.taskManager(2));

    assertThat(node.commands)
        .filteredOn(c -> c.startsWith("nsenter"))
        .containsExactly(
            "nsenter -t 4102 -n ip route replace blackhole 10.42.0.5/32",
            "nsenter -t 4102 -n ip route replace blackhole 10.43.0.20/32",
            "nsenter -t 4000 -n ip route replace blackhole 10.42.0.12/32");
    assertThat(node.routes(TM + "2"))
        .containsExactly("blackhole 10.42.0.5/32", "blackhole 10.43.0.20/32");
    assertThat(node.routes(JM)).containsExactly("blackhole 10.42.0.12/32");
    assertThat(node.routes(TM + "1")).isEmpty();
    assertThat(node.commands)
        .contains(
            "k3s crictl ps --label io.kubernetes.pod.name="
                + TM
                + "2 --label io.kubernetes.pod.namespace=chaos-test --state running -q",
            "k3s crictl inspect --output go-template --template {{.info.pid}} c2");

    node.commands.clear();
    network.heal(FlinkProcess.taskManager(2));

    assertThat(node.commands)
        .filteredOn(c -> c.startsWith("nsenter"))
        .containsExactly(
            "nsenter -t 4102 -n ip route show type blackhole",
            "nsenter -t 4102 -n ip route del blackhole 10.42.0.5/32",
            "nsenter -t 4102 -n ip route show type blackhole",
            "nsenter -t 4102 -n ip route del blackhole 10.43.0.20/32",
            "nsenter -t 4000 -n ip route show type blackhole",
            "nsenter -t 4000 -n ip route del blackhole 10.42.0.12/32");
    assertThat(node.routes(TM + "2")).isEmpty();
    assertThat(node.routes(JM)).isEmpty();
  }

  @Test
  void theLinksCutNameThePodsAddressesAndWhatStaysReachable() {
    assertThat(network.linksCutBy(FlinkProcess.taskManager(1)))
        .isEqualTo(
            "TaskManager 1 (pod "
                + TM
                + "1 10.42.0.11) <-> the JobManager (pod "
                + JM
                + " 10.42.0.5, Service flink-chaos-1-rest 10.43.0.20), both directions; the"
                + " Kubernetes API server, DNS, MinIO and the other TaskManagers stay reachable");
  }

  @Test
  void healingWhatIsNotCutDoesNothingAndASecondHealNothingMore() {
    network.heal(FlinkProcess.taskManager(1));
    assertThat(node.commands).isEmpty();

    network.partition(FlinkProcess.taskManager(1));
    network.heal(FlinkProcess.taskManager(1));
    node.commands.clear();
    network.heal(FlinkProcess.taskManager(1));

    assertThat(node.commands).isEmpty();
  }

  @Test
  void aRouteNoLongerThereIsNotDeletedAgain() {
    network.partition(FlinkProcess.taskManager(1));
    node.deleteRoute(JM, "blackhole 10.42.0.11/32");

    network.heal(FlinkProcess.taskManager(1));

    assertThat(node.commands)
        .doesNotContain("nsenter -t 4000 -n ip route del blackhole 10.42.0.11/32");
    assertThat(node.routes(TM + "1")).isEmpty();
  }

  @Test
  void aReplacedTaskManagerPodTookItsRoutesWithItAndOnlyTheJobManagersAreDeleted() {
    network.partition(FlinkProcess.taskManager(1));
    client.pods().inNamespace(NAMESPACE).withName(TM + "1").delete(); // Flink released the pod
    node.gone(TM + "1");
    node.commands.clear();

    network.heal(FlinkProcess.taskManager(1));

    assertThat(node.commands)
        .filteredOn(c -> c.startsWith("nsenter"))
        .containsExactly(
            "nsenter -t 4000 -n ip route show type blackhole",
            "nsenter -t 4000 -n ip route del blackhole 10.42.0.11/32");
    assertThat(node.routes(JM)).isEmpty();
  }

  @Test
  void aRestartedContainerIsEnteredByItsNewPidItsPodsRoutesAreTheSame() {
    network.partition(FlinkProcess.taskManager(1));
    node.runs(JM, "cjm-restarted", 5000); // the kubelet restarted the JobManager's container

    network.heal(FlinkProcess.taskManager(1));

    assertThat(node.commands).contains("nsenter -t 5000 -n ip route del blackhole 10.42.0.11/32");
    assertThat(node.routes(JM)).isEmpty();
  }

  @Test
  void aPodThatExistsWithoutARunningContainerFailsTheHealInOneLineAndALaterHealFinishesIt() {
    network.partition(FlinkProcess.taskManager(1));
    node.gone(JM); // its container is restarting: nothing to enter

    assertThatThrownBy(() -> network.heal(FlinkProcess.taskManager(1)))
        .hasMessage(
            "cannot delete the route blackhole 10.42.0.11/32 in pod "
                + JM
                + ": pod chaos-test/"
                + JM
                + " still exists but runs no container on the node to enter; the route stays"
                + " until a container runs again or the pod is deleted");
    assertThat(node.routes(TM + "1")).isEmpty(); // the other side was healed all the same

    node.runs(JM, "cjm-restarted", 5000);
    network.heal(FlinkProcess.taskManager(1));

    assertThat(node.routes(JM)).isEmpty();
  }

  @Test
  void aJobManagerPodWithoutAnIpIsNothingToCutAndSaysSo() {
    client.pods().inNamespace(NAMESPACE).withName(JM).delete();
    pod(client, "flink-chaos-1-7d9f-jm2", CLUSTER, "jobmanager");

    assertThatThrownBy(() -> network.partition(FlinkProcess.taskManager(1)))
        .hasMessage(
            "pod chaos-test/flink-chaos-1-7d9f-jm2 has no IP yet (phase null): nothing to cut");
    assertThat(node.commands).filteredOn(c -> c.startsWith("nsenter")).isEmpty();
  }

  @Test
  void latencyIsMissingOnK3sWithTheReason() {
    assertThatThrownBy(() -> network.delays().require("add latency"))
        .isInstanceOf(MissingCapabilityException.class)
        .hasMessage(
            "'add latency' needs tc with netem on the node, which the k3s image does not ship"
                + " (k3s-io/k3s-root scripts/package copies iproute2's ip, not its tc; busybox's"
                + " tc knows no netem)");
  }

  @Test
  void withoutNodeAccessPartitionsAreMissingAndSayWhyANetworkPolicyWouldNotDo() {
    ClusterPods pods = new ClusterPods(client, NAMESPACE, NAMESPACE, CLUSTER);

    Capability<NetworkFaults> none =
        PodNetworkFaults.on(
            Capability.missing("no node"),
            pods,
            new TaskManagerNumbers(pods, 2, Duration.ofSeconds(1)));

    assertThat(none.missingBecause())
        .contains(
            "needs node access to add routes in the pods' network namespaces"
                + " (-Dharness.platform=k3s has it; a kubeconfig cluster does not); a NetworkPolicy"
                + " would not do: kube-router and Calico let established connections through, so"
                + " Flink's open RPC and heartbeat connections would never be cut");
  }
}
