package io.flinkchaos.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.platform.ControlPlane;
import io.flinkchaos.harness.platform.TestingFlinkCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorUpgradeTest {

  /** A fake control plane that records operator versions and starts at 1.14.0. */
  private static final class RecordingControlPlane implements ControlPlane {
    final List<String> versions = new ArrayList<>(List.of("1.14.0"));

    @Override
    public void killOperator() {}

    @Override
    public void killJobManagerProcess() {}

    @Override
    public String upgradeOperator(String version) {
      String replaced = versions.get(versions.size() - 1);
      versions.add(version);
      return replaced;
    }
  }

  private final RecordingControlPlane controlPlane = new RecordingControlPlane();
  private final TestingFlinkCluster cluster =
      new TestingFlinkCluster(1).withControlPlane(controlPlane);

  @Test
  void healingPutsTheReplacedVersionBackOnce() {
    OperatorUpgrade upgrade = new OperatorUpgrade("1.15.0");

    upgrade.inject(cluster);
    assertThat(upgrade.toString())
        .isEqualTo("upgrade the Flink Kubernetes Operator to 1.15.0 (from 1.14.0)");
    upgrade.heal(cluster);
    upgrade.heal(cluster);

    assertThat(controlPlane.versions).containsExactly("1.14.0", "1.15.0", "1.14.0");
  }

  @Test
  void anUpgradeThatNeverHappenedHealsNothing() {
    new OperatorUpgrade("1.15.0").heal(cluster);

    assertThat(controlPlane.versions).containsExactly("1.14.0");
  }
}
