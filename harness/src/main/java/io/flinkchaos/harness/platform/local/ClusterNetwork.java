package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.NetworkFaults;
import java.util.List;

/**
 * Where a local cluster's processes live on the network: all on this machine's loopback ({@link
 * LoopbackNetwork}), or each in a network namespace of its own ({@link NamespaceNetwork}), where
 * their links can be cut.
 */
interface ClusterNetwork extends AutoCloseable {

  /** The address process {@code process} ("jobmanager", "taskmanager-2") binds and advertises. */
  String host(String process);

  /**
   * The address process {@code process} binds its servers to: its own host, or every address of its
   * own namespace (Flink reaches the JobManager's blob server at "localhost" from within).
   */
  String bindHost(String process);

  /** The command that runs {@code command} as {@code process} on this network. */
  List<String> wrap(String process, List<String> command);

  /** Cutting and slowing links between the processes, or why this network cannot. */
  Capability<NetworkFaults> faults();

  @Override
  void close();
}
