package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.Storage;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;

/**
 * The Flink configuration all processes of a local cluster share: everything bound to loopback (or
 * to each process's address in its network namespace), memory sized for a small machine, fast
 * failure detection, the storage's directories, and ZooKeeper HA when the spec asks for it.
 */
final class LocalClusterConfiguration {

  static final String LOOPBACK = "127.0.0.1";

  private LocalClusterConfiguration() {}

  /**
   * @param zooKeeperPort the HA quorum's client port; ignored without HA
   */
  static Configuration of(
      ClusterSpec spec,
      Storage storage,
      Path workDir,
      int rpcPort,
      int restPort,
      int zooKeeperPort,
      ClusterNetwork network) {
    Configuration c = new Configuration();
    String jobManager = network.host("jobmanager");
    c.setString("jobmanager.rpc.address", jobManager);
    c.setString("jobmanager.rpc.port", Integer.toString(rpcPort));
    c.setString("jobmanager.bind-host", network.bindHost("jobmanager"));
    // each TaskManager's own address is set in its command (ProcessCommands)
    c.setString("taskmanager.bind-host", LOOPBACK);
    c.setString("taskmanager.host", LOOPBACK);
    c.setString("rest.address", jobManager);
    c.setString("rest.bind-address", jobManager);
    c.setString("rest.port", Integer.toString(restPort));
    c.setString("jobmanager.memory.process.size", "768m");
    c.setString("taskmanager.memory.process.size", "1280m");
    c.setString("taskmanager.numberOfTaskSlots", Integer.toString(spec.slotsPerTaskManager()));
    // cluster.evenly-spread-out-slots before 1.20; that key is gone in 2.x.
    c.setString("taskmanager.load-balance.mode", "SLOTS");
    // The defaults (10 s / 50 s) make a killed TaskManager slow to notice.
    c.setString("heartbeat.interval", "1000");
    c.setString("heartbeat.timeout", "5000");
    // REST answers come from caches refreshed every web.refresh-interval (default 3 s), checkpoint
    // statistics included (RestHandlerConfiguration.fromConfiguration falls back to it for
    // rest.cache.checkpoint-statistics.timeout): a fault's landing record must not be 3 s stale.
    c.setString("web.refresh-interval", "100");
    c.setString("rest.cache.checkpoint-statistics.timeout", "50 ms");
    // Vertex metrics in REST answers (records written, for the timeline's throughput) come from a
    // metric store the JobManager refreshes at most every metrics.fetcher.update-interval (default
    // 10 s, MetricFetcherImpl#update): below the harness's 1 s sampling.
    c.setString("metrics.fetcher.update-interval", "500 ms");
    // A fetch waits for every TaskManager's metric query, each bounded by web.timeout (default 10
    // min, MetricFetcherImpl#fromConfiguration), and no new fetch starts meanwhile (#update): one
    // query to a TaskManager just killed left the metrics stale for the rest of a run. Handlers'
    // own calls take well under this; the harness's REST client gives up after 20 s anyway.
    c.setString("web.timeout", "10 s");
    c.setString("restart-strategy.type", "fixed-delay");
    c.setString("restart-strategy.fixed-delay.attempts", "1000");
    c.setString("restart-strategy.fixed-delay.delay", "1 s");
    c.setString("execution.checkpointing.dir", storage.checkpoints().toString());
    c.setString("execution.checkpointing.savepoint-dir", storage.savepoints().toString());
    // What the operator injects: checkpoints outlive cancellation so last-state can use them.
    c.setString(
        "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    storage.flinkConfiguration().forEach(c::setString);
    c.setString("web.upload.dir", workDir.resolve("web-upload").toString());
    c.setString("web.tmpdir", workDir.resolve("web-tmp").toString());
    if (spec.highAvailability()) {
      c.setString("high-availability.type", "zookeeper");
      c.setString("high-availability.storageDir", storage.highAvailability().toString());
      c.setString("high-availability.cluster-id", "flink-chaos-" + workDir.getFileName());
      c.setString(
          "high-availability.zookeeper.quorum", network.host("zookeeper") + ":" + zooKeeperPort);
      // The default (60 s) makes a new JobManager wait long for the dead leader's session to end.
      c.setString("high-availability.zookeeper.client.session-timeout", "6000");
      c.setString("zookeeper.sasl.disable", "true");
    }
    return c;
  }

  /** A port free on loopback right now, below the ephemeral range (see {@link LoopbackPorts}). */
  static int freePort() {
    return freePorts(1).get(0);
  }

  /** {@code count} distinct free ports on loopback, below the ephemeral range. */
  static java.util.List<Integer> freePorts(int count) {
    return LoopbackPorts.reserve(count);
  }
}
