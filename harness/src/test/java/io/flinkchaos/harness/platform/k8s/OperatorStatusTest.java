package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorStatusTest {

  private static GenericKubernetesResource withJobStatus(Map<String, Object> jobStatus) {
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setMetadata(new ObjectMetaBuilder().withName("job").withGeneration(2L).build());
    resource.setAdditionalProperty(
        "status",
        Map.of(
            "jobStatus",
            jobStatus,
            "lifecycleState",
            "STABLE",
            "observedGeneration",
            2,
            "reconciliationStatus",
            Map.of("state", "DEPLOYED")));
    return resource;
  }

  @Test
  void readsTheOperatorsFields() {
    OperatorStatus status =
        OperatorStatus.of(
            withJobStatus(
                Map.of(
                    "jobId", "00000000000000000000000000000001",
                    "state", "RUNNING",
                    "upgradeSavepointPath", "s3://b/savepoints/savepoint-1")));

    assertThat(status.running()).isTrue();
    assertThat(status.upgradeSavepointPath()).isEqualTo("s3://b/savepoints/savepoint-1");
    assertThat(status.observedGeneration()).isEqualTo(2L);
    assertThat(status.reconciliationState()).isEqualTo("DEPLOYED");
    assertThat(status.terminalProblem()).isNull();
  }

  @Test
  void readsNoUpgradeSnapshotReferenceWhichNoOperatorCrdHas() {
    OperatorStatus status =
        OperatorStatus.of(
            withJobStatus(
                Map.of(
                    "state",
                    "RUNNING",
                    "upgradeSnapshotReference",
                    Map.of("path", "s3://b/checkpoints/x/chk-7"))));

    assertThat(status.upgradeSavepointPath()).isNull();
    assertThat(status.running()).as("no job id yet").isFalse();
  }

  @Test
  void aFinishedJobWithoutIdAfterTheSavepointIsNotRunning() {
    OperatorStatus status =
        OperatorStatus.of(
            withJobStatus(
                Map.of("state", "FINISHED", "upgradeSavepointPath", "s3://b/savepoints/sp-1")));

    assertThat(status.running()).isFalse();
    assertThat(status.runningNewJob("00000000000000000000000000000001")).isFalse();
    assertThat(status.terminalProblem()).isNull();
    assertThat(status.toString()).contains("job (no id) FINISHED");
  }

  @Test
  void aMissingResourceIsMissing() {
    assertThat(OperatorStatus.of(null)).isEqualTo(OperatorStatus.MISSING);
    assertThat(OperatorStatus.MISSING.toString()).isEqualTo("no such resource");
  }
}
