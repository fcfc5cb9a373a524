package io.flinkchaos.harness.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The claim "the operator took a savepoint instead of last-state because the Flink version changed"
 * (AbstractJobReconciler.getJobUpgrade, release-1.15.0) turns red on each way it can be false.
 */
class FlinkVersionUpgradeOutcomeTest {

  static final String SAVEPOINT = "s3://b/savepoints/savepoint-00000a-1234";

  private static UpgradeOutcome upgrade(
      UpgradeMode requested, UpgradeMode applied, SnapshotKind kind, String path) {
    return new UpgradeOutcome(
        requested, applied, null, kind, path, List.of(), Instant.EPOCH, Instant.EPOCH);
  }

  private static final UpgradeOutcome SAVEPOINT_INSTEAD =
      upgrade(UpgradeMode.LAST_STATE, UpgradeMode.SAVEPOINT, SnapshotKind.SAVEPOINT, SAVEPOINT);

  @Test
  void theOperatorsSavepointForAVersionChangeIsReportedAndHolds() {
    FlinkVersionUpgradeOutcome outcome =
        new FlinkVersionUpgradeOutcome(SAVEPOINT_INSTEAD, "v1_20", "v2_2", "savepoint", "v2_2");

    assertThat(outcome.report())
        .isEqualTo(
            "asked last-state, the operator took a savepoint (Flink version v1_20 → v2_2): "
                + SAVEPOINT
                + "; it recorded upgradeMode savepoint and flinkVersion v2_2");
    assertThat(outcome.notASavepointForTheVersionChange()).isEmpty();
  }

  @Test
  void aPatchUpgradeKeepsTheOperatorsVersionAndSoNoSavepointIsOwed() {
    FlinkVersionUpgradeOutcome outcome =
        new FlinkVersionUpgradeOutcome(SAVEPOINT_INSTEAD, "v2_2", "v2_2", "savepoint", "v2_2");

    assertThat(outcome.notASavepointForTheVersionChange())
        .hasValueSatisfying(
            why -> assertThat(why).startsWith("the Flink version did not change (v2_2 → v2_2)"));
  }

  @Test
  void lastStateThroughHaOrAnotherReconciledVersionOrModeIsRed() {
    UpgradeOutcome throughHa =
        upgrade(
            UpgradeMode.LAST_STATE,
            UpgradeMode.LAST_STATE,
            SnapshotKind.CHECKPOINT,
            "KUBERNETES_OPERATOR_LAST_STATE");
    assertThat(
            new FlinkVersionUpgradeOutcome(throughHa, "v1_20", "v2_2", "last-state", "v2_2")
                .notASavepointForTheVersionChange())
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .startsWith("asked last-state, the operator restored the latest checkpoint"));
    assertThat(
            new FlinkVersionUpgradeOutcome(SAVEPOINT_INSTEAD, "v1_20", "v2_2", "savepoint", "v1_20")
                .notASavepointForTheVersionChange())
        .hasValueSatisfying(
            why -> assertThat(why).startsWith("the operator did not reconcile v2_2"));
    assertThat(
            new FlinkVersionUpgradeOutcome(SAVEPOINT_INSTEAD, "v1_20", "v2_2", "last-state", "v2_2")
                .notASavepointForTheVersionChange())
        .isPresent();
    UpgradeOutcome askedSavepoint =
        upgrade(UpgradeMode.SAVEPOINT, UpgradeMode.SAVEPOINT, SnapshotKind.SAVEPOINT, SAVEPOINT);
    assertThat(
            new FlinkVersionUpgradeOutcome(askedSavepoint, "v1_20", "v2_2", "savepoint", "v2_2")
                .notASavepointForTheVersionChange())
        .hasValueSatisfying(why -> assertThat(why).startsWith("asked savepoint, not last-state"));
  }
}
