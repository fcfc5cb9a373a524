package io.flinkchaos.harness.platform.k8s;

import static io.flinkchaos.harness.platform.k8s.K8sTestData.pod;
import static io.flinkchaos.harness.platform.k8s.K8sTestData.podNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.flinkchaos.harness.platform.Capability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PodFaultsTest {

  static final String CLUSTER = "flink-chaos-1";
  static final String TM = "flink-chaos-1-taskmanager-1-";

  KubernetesMockServer server;
  KubernetesClient client;

  private TaskManagerNumbers numbers;
  private PodFaults faults;

  /** Fake readiness: records how many TaskManagers each bring-back waited for. */
  private final List<Integer> awaited = new ArrayList<>();

  @BeforeEach
  void setUp() {
    ClusterPods pods =
        new ClusterPods(client, K8sTestData.NAMESPACE, K8sTestData.NAMESPACE, CLUSTER);
    numbers = new TaskManagerNumbers(pods, 3, Duration.ofSeconds(2));
    faults =
        new PodFaults(
            pods,
            numbers,
            3,
            awaited::add,
            Capability.missing("is not part of these tests"),
            () -> Capability.of(CLUSTER + "-taskmanager"),
            K8sTestData.RUN.labels());
  }

  private long quotaPods() {
    var quota =
        client
            .resourceQuotas()
            .inNamespace(K8sTestData.NAMESPACE)
            .withName("flink-chaos-1-taskmanager-down")
            .get();
    return quota == null
        ? -1
        : quota.getSpec().getHard().get("pods").getNumericalAmount().longValue();
  }

  private void threeTaskManagersAndAJobManager() {
    for (String suffix : new String[] {"3", "1", "2"}) { // created out of name order
      pod(client, TM + suffix, CLUSTER, "taskmanager");
    }
    pod(client, "flink-chaos-1-7d9f-jm", CLUSTER, "jobmanager");
  }

  @Test
  void taskManagerNKeepsItsNumberWhenItsPodIsReplaced() {
    threeTaskManagersAndAJobManager();
    pod(client, "other-taskmanager-1-1", "other", "taskmanager");

    faults.killTaskManager(2);

    assertThat(podNames(client))
        .containsExactly("flink-chaos-1-7d9f-jm", TM + "1", TM + "3", "other-taskmanager-1-1");
    // Flink replaces the pod; the new one (sorting first by name) is TaskManager 2.
    pod(client, TM + "0", CLUSTER, "taskmanager");
    assertThat(numbers.numbersOf(Set.of(TM + "0"))).containsExactly(2);
    assertThat(numbers.numbersOf(Set.of(TM + "1", TM + "3"))).containsExactly(1, 3);

    faults.killTaskManager(3);
    assertThat(podNames(client))
        .as("TaskManager 3 is still the pod it was")
        .containsExactly("flink-chaos-1-7d9f-jm", TM + "0", TM + "1", "other-taskmanager-1-1");
    assertThatThrownBy(() -> faults.killTaskManager(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "no TaskManager 4 in chaos-test/flink-chaos-1: it has TaskManagers 1..3");
  }

  @Test
  void killingATaskManagerWhoseReplacementNeverComesTimesOutNamingIt() {
    pod(client, TM + "1", CLUSTER, "taskmanager");
    faults.killTaskManager(1);

    assertThatThrownBy(() -> faults.killTaskManager(1))
        .hasMessageStartingWith(
            "Timed out after 2 s waiting for a pod for TaskManager 1 of chaos-test/flink-chaos-1")
        .hasMessageContaining("last observed: {}");
  }

  @Test
  void takingDownAndBringingBackMovesTheQuotaAndHonoursTheNumber() {
    threeTaskManagersAndAJobManager();
    pod(client, "minio-6f7c", "minio", "none");

    faults.takeTaskManagerDown(1);
    assertThat(quotaPods())
        .as("only the 3 TaskManagers are counted (not the JobManager or MinIO), one down")
        .isEqualTo(2);
    var scope =
        client
            .resourceQuotas()
            .inNamespace(K8sTestData.NAMESPACE)
            .withName("flink-chaos-1-taskmanager-down")
            .get()
            .getSpec()
            .getScopeSelector()
            .getMatchExpressions();
    assertThat(scope)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getScopeName()).isEqualTo("PriorityClass");
              assertThat(e.getOperator()).isEqualTo("In");
              assertThat(e.getValues()).containsExactly("flink-chaos-1-taskmanager");
            });
    faults.takeTaskManagerDown(3);
    assertThat(quotaPods()).isEqualTo(1);
    assertThat(podNames(client)).containsExactly("flink-chaos-1-7d9f-jm", TM + "2", "minio-6f7c");
    assertThat(
            client
                .resourceQuotas()
                .inNamespace(K8sTestData.NAMESPACE)
                .list()
                .getItems()
                .get(0)
                .getMetadata()
                .getLabels())
        .containsAllEntriesOf(K8sTestData.RUN.labels());
    assertThatThrownBy(() -> faults.killTaskManager(3)).hasMessageContaining("is down");

    faults.bringTaskManagerBack(2);
    assertThat(awaited).as("TaskManager 2 is not down: nothing to do").isEmpty();

    faults.bringTaskManagerBack(3);
    assertThat(quotaPods()).isEqualTo(2);
    assertThat(awaited).containsExactly(2);
    pod(client, TM + "4", CLUSTER, "taskmanager");
    assertThat(numbers.numbersOf(Set.of(TM + "4")))
        .as("the pod Flink starts now is TaskManager 3; 1 stays reserved")
        .containsExactly(3);

    faults.bringTaskManagerBack(1);
    assertThat(quotaPods()).as("no TaskManager down: the quota is gone").isEqualTo(-1);
    assertThat(awaited).containsExactly(2, 3);
  }

  @Test
  void withoutItsOwnPriorityClassTakingDownFailsInOneLineAndTouchesNothing() {
    threeTaskManagersAndAJobManager();
    ClusterPods pods =
        new ClusterPods(client, K8sTestData.NAMESPACE, K8sTestData.NAMESPACE, CLUSTER);
    PodFaults withoutClass =
        new PodFaults(
            pods,
            new TaskManagerNumbers(pods, 3, Duration.ofSeconds(2)),
            3,
            awaited::add,
            Capability.missing("is not part of these tests"),
            () -> Capability.missing("needs a PriorityClass (forbidden)"),
            K8sTestData.RUN.labels());

    assertThatThrownBy(() -> withoutClass.takeTaskManagerDown(1))
        .hasMessage(
            "'taking TaskManager 1 of chaos-test/flink-chaos-1 down' needs a PriorityClass"
                + " (forbidden)");
    assertThat(quotaPods()).isEqualTo(-1);
    assertThat(podNames(client)).hasSize(4);
  }

  @Test
  void killJobManagerDeletesOnlyThisClustersJobManagerPods() {
    pod(client, TM + "1", CLUSTER, "taskmanager");
    pod(client, "flink-chaos-1-7d9f-jm", CLUSTER, "jobmanager");
    pod(client, "other-jm", "other", "jobmanager");

    faults.killJobManager();

    assertThat(podNames(client)).containsExactly(TM + "1", "other-jm");
    assertThatThrownBy(faults::killJobManager)
        .hasMessage(
            "no JobManager pod in chaos-test with labels app=flink-chaos-1,component=jobmanager");
  }

  @Test
  void processEventsAreMissingOnKubernetes() {
    assertThat(faults.processEvents().missingBecause())
        .contains(
            "needs a platform whose processes the harness supervises itself (the local platform)");
  }
}
