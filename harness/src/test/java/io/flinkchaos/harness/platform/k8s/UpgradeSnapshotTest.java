package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import org.junit.jupiter.api.Test;

class UpgradeSnapshotTest {

  static final String JOB_A = "0000000000000000000000000000000a";
  static final String JOB_B = "0000000000000000000000000000000b";

  private static OperatorStatus runningNewJobAfterUpgradeFrom(String upgradeSavepointPath) {
    return new OperatorStatus(
        true, 2L, 2L, JOB_B, "RUNNING", "STABLE", "DEPLOYED", null, upgradeSavepointPath);
  }

  @Test
  void aCheckpointPathAfterASavepointRequestIsReportedAsTheLastStateFallback() {
    OperatorStatus before = OperatorStatus.MISSING;
    OperatorStatus after = runningNewJobAfterUpgradeFrom("s3://b/checkpoints/" + JOB_A + "/chk-7");

    UpgradeSnapshot snapshot = UpgradeSnapshot.of(UpgradeMode.SAVEPOINT, before, after);
    assertThat(snapshot.applied()).isEqualTo(UpgradeMode.LAST_STATE);
    assertThat(snapshot.kind()).isEqualTo(SnapshotKind.CHECKPOINT);
    assertThat(UpgradeSnapshot.of(UpgradeMode.STATELESS, before, after).kind())
        .isEqualTo(SnapshotKind.NONE);
  }

  @Test
  void aSavepointPathIsTheSavepointAndAPathLeftFromAnEarlierUpgradeIsNone() {
    String savepoint = "s3://b/savepoints/savepoint-00000a-1234";
    OperatorStatus before = runningNewJobAfterUpgradeFrom(null);
    assertThat(
            UpgradeSnapshot.of(
                UpgradeMode.SAVEPOINT, before, runningNewJobAfterUpgradeFrom(savepoint)))
        .isEqualTo(new UpgradeSnapshot(UpgradeMode.SAVEPOINT, SnapshotKind.SAVEPOINT, savepoint));
    assertThat(
            UpgradeSnapshot.of(
                    UpgradeMode.SAVEPOINT,
                    runningNewJobAfterUpgradeFrom(savepoint),
                    runningNewJobAfterUpgradeFrom(savepoint))
                .kind())
        .isEqualTo(SnapshotKind.NONE);
  }

  /**
   * reconciler/deployment/AbstractJobReconciler.getJobUpgrade (release-1.15.0): a last-state
   * upgrade that changes a FlinkDeployment's flinkVersion stops the running job with a savepoint
   * ("Using savepoint to upgrade Flink version"); the status then names a savepoint.
   */
  @Test
  void aSavepointPathAfterALastStateRequestIsTheSavepointTheOperatorTookInstead() {
    String savepoint = "s3://b/savepoints/savepoint-00000a-1234";

    UpgradeSnapshot snapshot =
        UpgradeSnapshot.of(
            UpgradeMode.LAST_STATE,
            runningNewJobAfterUpgradeFrom(null),
            runningNewJobAfterUpgradeFrom(savepoint));

    assertThat(snapshot)
        .isEqualTo(new UpgradeSnapshot(UpgradeMode.SAVEPOINT, SnapshotKind.SAVEPOINT, savepoint));
    assertThat(
            snapshot
                .outcome(UpgradeMode.LAST_STATE, null, java.time.Instant.now(), java.util.List.of())
                .savepointInsteadOfLastState())
        .isTrue();
  }

  @Test
  void aSavepointPathLeftByAnEarlierUpgradeIsNotTakenForThisLastStateUpgrade() {
    String savepoint = "s3://b/savepoints/savepoint-00000a-1234";

    UpgradeSnapshot snapshot =
        UpgradeSnapshot.of(
            UpgradeMode.LAST_STATE,
            runningNewJobAfterUpgradeFrom(savepoint),
            runningNewJobAfterUpgradeFrom(savepoint));

    assertThat(snapshot.kind()).isEqualTo(SnapshotKind.NONE);
  }
}
