package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatesTest {

  @Test
  void aPodPullingItsImageNamesTheReasonAndTheImage() {
    Pod pulling =
        new PodBuilder()
            .withNewMetadata()
            .withName("flink-jm")
            .endMetadata()
            .withNewStatus()
            .withPhase("Pending")
            .addNewContainerStatus()
            .withImage("flink:1.20.3")
            .withNewState()
            .withNewWaiting()
            .withReason("ContainerCreating")
            .endWaiting()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    Pod running =
        new PodBuilder()
            .withNewMetadata()
            .withName("minio")
            .endMetadata()
            .withNewStatus()
            .withPhase("Running")
            .endStatus()
            .build();

    assertThat(PodStates.describe(List.of(pulling, running)))
        .isEqualTo("pod flink-jm: ContainerCreating (image flink:1.20.3); pod minio: Running");
    assertThat(PodStates.describe(List.of())).isEqualTo("no pods yet");
  }
}
