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
}
