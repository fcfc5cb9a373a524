package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.platform.ClusterSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterConfigurationTest {

  @TempDir Path workDir;

  @Test
  void everyAddressIsLoopbackAndThePortsAreTheGivenOnes() {
    Configuration config = configuration(new ClusterSpec(2, 3, false));

    for (String key :
        new String[] {
          "jobmanager.rpc.address",
          "jobmanager.bind-host",
          "taskmanager.bind-host",
          "taskmanager.host",
          "rest.address",
          "rest.bind-address"
        }) {
      assertThat(config.toMap()).as(key).containsEntry(key, "127.0.0.1");
    }
    assertThat(config.toMap())
        .containsEntry("jobmanager.rpc.port", "6123")
        .containsEntry("rest.port", "8081")
        .containsEntry("taskmanager.numberOfTaskSlots", "3")
        .containsEntry(
            "execution.checkpointing.dir",
            workDir.resolve("storage/checkpoints").toUri().toString())
        .doesNotContainKey("high-availability.type");
  }

  @Test
  void highAvailabilityUsesTheLoopbackZooKeeper() {
    Configuration config = configuration(new ClusterSpec(1, 1, true));

    assertThat(config.toMap())
        .containsEntry("high-availability.type", "zookeeper")
        .containsEntry("high-availability.zookeeper.quorum", "127.0.0.1:2181")
        .containsEntry("high-availability.cluster-id", "flink-chaos-" + workDir.getFileName());
  }

  @Test
  void aFreePortCanBeBoundOnLoopback() throws Exception {
    int port = LocalClusterConfiguration.freePort();
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }

  private Configuration configuration(ClusterSpec spec) {
    return LocalClusterConfiguration.of(
        spec,
        new LocalStorage(workDir.resolve("storage")),
        workDir,
        6123,
        8081,
        2181,
        LoopbackNetwork.INSTANCE);
  }

  @Test
  void aClustersPortsAreDistinct() {
    for (int round = 0; round < 50; round++) {
      assertThat(LocalClusterConfiguration.freePorts(3)).doesNotHaveDuplicates().hasSize(3);
    }
  }
}
