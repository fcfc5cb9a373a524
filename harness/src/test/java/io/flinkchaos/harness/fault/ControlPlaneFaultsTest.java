package io.flinkchaos.harness.fault;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.platform.MissingCapabilityException;
import io.flinkchaos.harness.platform.TestingFlinkCluster;
import org.junit.jupiter.api.Test;

class ControlPlaneFaultsTest {

  @Test
  void withoutAControlPlaneTheFaultSaysWhatItNeedsAndSkips() {
    assertThatThrownBy(() -> new OperatorPodKill().inject(TestingFlinkCluster.restDown()))
        .isInstanceOf(MissingCapabilityException.class)
        .hasMessage(
            "'delete the Flink Kubernetes Operator pod' needs a Kubernetes platform (this fake has"
                + " none)");
    assertThatThrownBy(() -> new JobManagerProcessKill().inject(TestingFlinkCluster.restDown()))
        .isInstanceOf(MissingCapabilityException.class)
        .hasMessageStartingWith("'kill 1 in the JobManager container' needs");
  }
}
