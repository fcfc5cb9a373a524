package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.NetworkFaults;
import java.util.List;

/** Every process on 127.0.0.1, sharing this machine's network: nothing between them to cut. */
final class LoopbackNetwork implements ClusterNetwork {

  static final LoopbackNetwork INSTANCE = new LoopbackNetwork();

  static final String NO_NETWORK_FAULTS =
      "needs a cluster whose processes have their own network namespaces: start it with 'Given a"
          + " Flink cluster with N TaskManagers on separate networks'";

  private LoopbackNetwork() {}

  @Override
  public String host(String process) {
    return LocalClusterConfiguration.LOOPBACK;
  }

  @Override
  public String bindHost(String process) {
    return LocalClusterConfiguration.LOOPBACK;
  }

  @Override
  public List<String> wrap(String process, List<String> command) {
    return command;
  }

  @Override
  public Capability<NetworkFaults> faults() {
    return Capability.missing(NO_NETWORK_FAULTS);
  }

  @Override
  public void close() {}
}
