package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flinkchaos.harness.platform.FlinkProcess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The namespaces, bridge and routes a cluster on separate networks gets, read back with iproute2: a
 * partition is a blackhole route on both sides, a heal removes it, closing leaves nothing, and a
 * bridge whose owner died is swept. Root only; skipped elsewhere with the reason.
 */
class NamespaceNetworkIT {

  private final List<String> events = new ArrayList<>();

  @BeforeEach
  void needsRoot() {
    assumeTrue(
        NamespaceNetwork.unavailableBecause().isEmpty(),
        () -> NamespaceNetwork.unavailableBecause().orElse(""));
  }

  @Test
  void aPartitionIsABlackholeRouteOnBothSidesUntilHealed() {
    String tmRoutes;
    String jmRoutes;
    String healedRoutes;
    String namespacesWhileUp;
    NamespaceNetwork network =
        NamespaceNetwork.create(
            List.of("jobmanager", "taskmanager-1", "taskmanager-2"), events::add);
    try {
      namespacesWhileUp = IpCommand.run("ip", "netns", "list");
      network.partition(FlinkProcess.taskManager(1));
      tmRoutes = IpCommand.runIn(network.namespace("taskmanager-1"), "ip", "route", "show");
      jmRoutes = IpCommand.runIn(network.namespace("jobmanager"), "ip", "route", "show");
      String otherTm = IpCommand.runIn(network.namespace("taskmanager-2"), "ip", "route", "show");
      assertThat(otherTm).doesNotContain("blackhole");
      network.heal(FlinkProcess.taskManager(1));
      healedRoutes = IpCommand.runIn(network.namespace("taskmanager-1"), "ip", "route", "show");
    } finally {
      network.close();
    }
    String jm = network.host("jobmanager");
    String tm = network.host("taskmanager-1");
    assertThat(namespacesWhileUp)
        .contains(network.namespace("jobmanager"), network.namespace("taskmanager-2"));
    assertThat(tmRoutes).contains("blackhole " + jm);
    assertThat(jmRoutes).contains("blackhole " + tm);
    assertThat(healedRoutes).doesNotContain("blackhole");
    assertThat(network.linksCutBy(FlinkProcess.taskManager(1)))
        .isEqualTo("taskmanager-1 " + tm + " <-> jobmanager " + jm + " (both directions)");
    assertThat(IpCommand.run("ip", "netns", "list"))
        .doesNotContain(network.namespace("jobmanager"));
    assertThat(IpCommand.attempt("ip", "link", "show", network.bridge()).succeeded()).isFalse();
  }

  @Test
  void aBridgeLeftByADeadRunIsRemoved() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    String bridge = NamespaceBridges.PREFIX + "249";
    IpCommand.attempt("ip", "link", "del", bridge);
    IpCommand.run("ip", "link", "add", bridge, "type", "bridge");
    IpCommand.run("ip", "link", "set", bridge, "alias", "flink-chaos pid " + finished.pid());

    NamespaceBridges.removeLeftovers(events::add);

    assertThat(IpCommand.attempt("ip", "link", "show", bridge).succeeded()).isFalse();
    assertThat(events).anyMatch(e -> e.startsWith("removed " + bridge + ", left by a run"));
  }
}
