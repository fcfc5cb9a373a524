package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskManagerNumbersTest {

  private final TaskManagerNumbers numbers =
      new TaskManagerNumbers(
          new ClusterPods(null, K8sTestData.NAMESPACE, K8sTestData.NAMESPACE, "flink-chaos-1"),
          3,
          Duration.ofSeconds(1));

  private static io.fabric8.kubernetes.api.model.Pod pod(String name, String ip) {
    return new io.fabric8.kubernetes.api.model.PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewStatus()
        .withPodIP(ip)
        .endStatus()
        .build();
  }

  @Test
  void aResourceIdNamesItsPodByNameNativeOrByAddressStandalone() {
    List<io.fabric8.kubernetes.api.model.Pod> live =
        List.of(
            pod("fc-1-taskmanager-1-1", "10.42.0.7"),
            pod("fc-1-taskmanager-5d8f7-abcde", "10.42.0.9"));

    assertThat(TaskManagerNumbers.podOfResource("fc-1-taskmanager-1-1", live))
        .contains("fc-1-taskmanager-1-1");
    assertThat(TaskManagerNumbers.podOfResource("10.42.0.9:6122-3f9a1c", live))
        .contains("fc-1-taskmanager-5d8f7-abcde");
    assertThat(TaskManagerNumbers.podOfResource("fc-1-taskmanager-5d8f7-abcde:6122-3f9a1c", live))
        .contains("fc-1-taskmanager-5d8f7-abcde");
    assertThat(TaskManagerNumbers.podOfResource("10.42.0.99:6122-3f9a1c", live)).isEmpty();
  }

  @Test
  void theFirstPodsAreNumberedByNameAndAReplacementTakesTheVacatedNumber() {
    assertThat(numbers.update(List.of("tm-1-1", "tm-1-2", "tm-1-3")))
        .isEqualTo(Map.of(1, "tm-1-1", 2, "tm-1-2", 3, "tm-1-3"));

    // TaskManager 2's pod is replaced by one whose name sorts first: it stays number 2.
    assertThat(numbers.update(List.of("tm-1-1", "tm-1-3")))
        .isEqualTo(Map.of(1, "tm-1-1", 3, "tm-1-3"));
    assertThat(numbers.update(List.of("tm-1-0-new", "tm-1-1", "tm-1-3")))
        .isEqualTo(Map.of(1, "tm-1-1", 2, "tm-1-0-new", 3, "tm-1-3"));
  }

  @Test
  void aPodReplacedBetweenTwoLooksStillTakesTheVacatedNumber() {
    numbers.update(List.of("tm-1-1", "tm-1-2", "tm-1-3"));

    assertThat(numbers.update(List.of("tm-1-1", "tm-1-2", "tm-1-4")))
        .isEqualTo(Map.of(1, "tm-1-1", 2, "tm-1-2", 3, "tm-1-4"));
  }

  @Test
  void aNumberTakenDownIsReservedUntilItIsBroughtBack() {
    numbers.update(List.of("tm-1-1", "tm-1-2", "tm-1-3"));
    numbers.markDown(1);

    // Another TaskManager is killed meanwhile: its replacement takes 2, not the reserved 1.
    assertThat(numbers.update(List.of("tm-1-3", "tm-1-4")))
        .isEqualTo(Map.of(2, "tm-1-4", 3, "tm-1-3"));

    numbers.markUp(1);
    assertThat(numbers.update(List.of("tm-1-3", "tm-1-4", "tm-1-5")))
        .isEqualTo(Map.of(1, "tm-1-5", 2, "tm-1-4", 3, "tm-1-3"));
  }
}
