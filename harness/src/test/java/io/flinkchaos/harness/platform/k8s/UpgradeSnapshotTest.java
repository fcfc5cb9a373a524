package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import org.junit.jupiter.api.Test;

class UpgradeSnapshotTest {

  static final String JOB_A = "0000000000000000000000000000000a";
  static final String JOB_B = "0000000000000000000000000000000b";

  private static SessionJobStatus runningNewJobAfterUpgradeFrom(String upgradeSavepointPath) {
    return new SessionJobStatus(
        true, 2L, 2L, JOB_B, "RUNNING", "STABLE", "DEPLOYED", null, upgradeSavepointPath, null);
  }

  @Test
  void aCheckpointPathAfterASavepointRequestIsReportedAsTheLastStateFallback() {
    SessionJobStatus before = SessionJobStatus.MISSING;
    SessionJobStatus after =
        runningNewJobAfterUpgradeFrom("s3://b/checkpoints/" + JOB_A + "/chk-7");

    UpgradeSnapshot snapshot = UpgradeSnapshot.of(UpgradeMode.SAVEPOINT, before, after);
    assertThat(snapshot.applied()).isEqualTo(UpgradeMode.LAST_STATE);
    assertThat(snapshot.kind()).isEqualTo(SnapshotKind.CHECKPOINT);
    assertThat(UpgradeSnapshot.of(UpgradeMode.STATELESS, before, after).kind())
        .isEqualTo(SnapshotKind.NONE);
    SessionJobStatus marker = runningNewJobAfterUpgradeFrom("KUBERNETES_OPERATOR_LAST_STATE");
    assertThat(UpgradeSnapshot.of(UpgradeMode.LAST_STATE, before, marker))
        .isEqualTo(new UpgradeSnapshot(UpgradeMode.LAST_STATE, SnapshotKind.CHECKPOINT, null));
  }
}
