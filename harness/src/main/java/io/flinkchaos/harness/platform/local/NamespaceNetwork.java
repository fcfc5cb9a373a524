package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.NetworkFaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Each process of a local cluster in a network namespace of its own, all attached by veth pairs to
 * one bridge the harness creates, on a /24 of 198.18.0.0/15 (RFC 2544's range for tests, routed
 * nowhere). The bridge's own address (.1) lets the harness reach the JobManager's REST API; no
 * process binds to it. A partition adds blackhole routes for the peer's address on both sides, so
 * established connections stall as on a real split (no reset, no error to the application) and
 * resume when the routes are deleted. Latency is netem on both ends of the TaskManager's veth pair.
 *
 * <p>Needs root (CI here runs as root; GitHub's runners have sudo). The bridge is claimed from
 * {@link NamespaceBridges}, which also sweeps what a killed run left behind.
 */
final class NamespaceNetwork implements ClusterNetwork, NetworkFaults {

  private final int subnet;
  private final Map<String, Integer> hostNumbers;
  private final Consumer<String> events;
  private final Set<List<String>> blackholes = new LinkedHashSet<>();
  private final Set<String> delayed = new LinkedHashSet<>();
  private final String delaysMissing;
  private boolean closed;

  private NamespaceNetwork(
      int subnet, Map<String, Integer> hostNumbers, Consumer<String> events, String delaysMissing) {
    this.subnet = subnet;
    this.hostNumbers = hostNumbers;
    this.events = events;
    this.delaysMissing = delaysMissing;
  }

  /** Why this machine cannot give processes network namespaces; empty if it can. */
  static Optional<String> unavailableBecause() {
    if (effectiveUid() != 0) {
      return Optional.of(
          "needs root to create network namespaces (ip netns add): run the harness as root, e.g."
              + " 'sudo -E mvn verify' (GitHub's runners have passwordless sudo)");
    }
    try {
      ShortCommand.Result version = IpCommand.attempt("ip", "-V");
      if (!version.succeeded()) {
        return Optional.of("'ip -V' failed: " + version.output().strip());
      }
    } catch (RuntimeException e) {
      return Optional.of(
          "needs iproute2's 'ip' for network namespaces (Debian: apt-get install iproute2): "
              + e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * Creates the bridge and one namespace per process in {@code processes} (host numbers .2, .3, …
   * in that order), after removing what dead runs left behind.
   */
  static NamespaceNetwork create(List<String> processes, Consumer<String> events) {
    unavailableBecause()
        .ifPresent(
            why -> {
              throw new IllegalStateException("network namespaces: " + why);
            });
    NamespaceBridges.removeLeftovers(events);
    int subnet = NamespaceBridges.claim();
    Map<String, Integer> hostNumbers = new LinkedHashMap<>();
    for (int i = 0; i < processes.size(); i++) {
      hostNumbers.put(processes.get(i), i + 2);
    }
    String bridge = NamespaceBridges.name(subnet);
    NamespaceNetwork network = null;
    try {
      IpCommand.run("ip", "addr", "add", "198.18." + subnet + ".1/24", "dev", bridge);
      IpCommand.run("ip", "link", "set", bridge, "up");
      network = new NamespaceNetwork(subnet, hostNumbers, events, probeNetem(bridge));
      ShutdownReaper.closeAfterProcesses(network);
      for (String process : processes) {
        network.attach(process);
      }
      events.accept(
          "network namespaces on bridge "
              + bridge
              + " 198.18."
              + subnet
              + ".0/24: "
              + String.join(", ", network.hostsByProcess()));
      return network;
    } catch (RuntimeException e) {
      if (network != null) {
        network.close();
      } else {
        NamespaceBridges.delete(subnet);
      }
      throw e;
    }
  }

  private void attach(String process) {
    int number = hostNumbers.get(process);
    String namespace = namespace(process);
    IpCommand.run("ip", "netns", "add", namespace);
    IpCommand.run(
        "ip",
        "link",
        "add",
        bridgeEnd(number),
        "type",
        "veth",
        "peer",
        "name",
        namespaceEnd(number),
        "netns",
        namespace);
    IpCommand.run("ip", "link", "set", bridgeEnd(number), "master", bridge(), "up");
    IpCommand.runIn(
        namespace, "ip", "addr", "add", host(process) + "/24", "dev", namespaceEnd(number));
    IpCommand.runIn(namespace, "ip", "link", "set", namespaceEnd(number), "up");
    IpCommand.runIn(namespace, "ip", "link", "set", "lo", "up");
  }

  @Override
  public String host(String process) {
    Integer number = hostNumbers.get(process);
    if (number == null) {
      throw new IllegalArgumentException(
          process + " has no network namespace; this cluster's processes: " + hostNumbers.keySet());
    }
    return "198.18." + subnet + "." + number;
  }

  /**
   * All addresses of the process's own namespace: its veth address and its own loopback, which no
   * other process shares. A JobManager bound to its veth address only refuses its own job
   * submissions, since Flink uploads a submitted job's files to the blob server at "localhost"
   * (PekkoRpcService names a local gateway's host so).
   */
  @Override
  public String bindHost(String process) {
    host(process);
    return "0.0.0.0";
  }

  /** {@code ip netns exec <namespace>} before {@code command}: it execs, so the pid stays. */
  @Override
  public List<String> wrap(String process, List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", namespace(process)));
    wrapped.addAll(command);
    return wrapped;
  }

  @Override
  public Capability<NetworkFaults> faults() {
    return Capability.of(this);
  }

  String namespace(String process) {
    host(process); // a process this network does not know is a bug: fail here, not in ip
    return NamespaceBridges.namespace(subnet, process);
  }

  @Override
  public synchronized void partition(FlinkProcess taskManager) {
    String tm = processOf(taskManager);
    for (String peer : cutPeers()) {
      blackhole(tm, peer);
      blackhole(peer, tm);
    }
    events.accept("partitioned: " + linksCutBy(taskManager));
  }

  @Override
  public synchronized void heal(FlinkProcess taskManager) {
    String tm = processOf(taskManager);
    boolean any = false;
    for (String peer : cutPeers()) {
      any |= unblackhole(tm, peer);
      any |= unblackhole(peer, tm);
    }
    if (any) {
      events.accept("healed: " + linksCutBy(taskManager));
    }
  }

  @Override
  public String linksCutBy(FlinkProcess taskManager) {
    String tm = processOf(taskManager);
    List<String> peers = new ArrayList<>();
    for (String peer : cutPeers()) {
      peers.add(peer + " " + host(peer));
    }
    return tm + " " + host(tm) + " <-> " + String.join(", ", peers) + " (both directions)";
  }

  /** The JobManager, and ZooKeeper where the cluster has it: what a partition cuts. */
  private List<String> cutPeers() {
    List<String> peers = new ArrayList<>();
    for (String process : hostNumbers.keySet()) {
      if (process.equals("jobmanager") || process.equals("zookeeper")) {
        peers.add(process);
      }
    }
    return peers;
  }

  private void blackhole(String in, String target) {
    List<String> route = List.of(in, target);
    if (blackholes.add(route)) {
      IpCommand.runIn(namespace(in), "ip", "route", "add", "blackhole", host(target) + "/32");
    }
  }

  private boolean unblackhole(String in, String target) {
    if (!blackholes.remove(List.of(in, target))) {
      return false;
    }
    IpCommand.runIn(namespace(in), "ip", "route", "del", "blackhole", host(target) + "/32");
    return true;
  }

  @Override
  public Capability<LinkDelays> delays() {
    return delaysMissing == null
        ? Capability.of(new NetemDelays())
        : Capability.missing(delaysMissing);
  }

  /** netem on the TaskManager's end (what it sends) and on the bridge's end (what it receives). */
  private final class NetemDelays implements LinkDelays {

    @Override
    public void delay(FlinkProcess taskManager, Duration each) {
      String tm = processOf(taskManager);
      int number = hostNumbers.get(tm);
      String ms = each.toMillis() + "ms";
      synchronized (NamespaceNetwork.this) {
        IpCommand.runIn(
            namespace(tm),
            "tc",
            "qdisc",
            "replace",
            "dev",
            namespaceEnd(number),
            "root",
            "netem",
            "delay",
            ms);
        IpCommand.run(
            "tc", "qdisc", "replace", "dev", bridgeEnd(number), "root", "netem", "delay", ms);
        delayed.add(tm);
      }
      events.accept(tm + " " + host(tm) + ": every packet delayed by " + ms + " both ways");
    }

    @Override
    public void restore(FlinkProcess taskManager) {
      String tm = processOf(taskManager);
      int number = hostNumbers.get(tm);
      synchronized (NamespaceNetwork.this) {
        if (!delayed.remove(tm)) {
          return;
        }
        IpCommand.runIn(namespace(tm), "tc", "qdisc", "del", "dev", namespaceEnd(number), "root");
        IpCommand.run("tc", "qdisc", "del", "dev", bridgeEnd(number), "root");
      }
      events.accept(tm + " " + host(tm) + ": added latency removed");
    }
  }

  private String processOf(FlinkProcess taskManager) {
    if (taskManager.role() != FlinkProcess.Role.TASK_MANAGER) {
      throw new IllegalArgumentException(
          "network faults hit TaskManagers here, not " + taskManager);
    }
    String name = TaskManagerResourceId.name(taskManager.index());
    host(name);
    return name;
  }

  private List<String> hostsByProcess() {
    List<String> hosts = new ArrayList<>();
    hostNumbers.keySet().forEach(process -> hosts.add(process + " " + host(process)));
    return hosts;
  }

  /** The bridge's interface name in this machine's own namespace. */
  String bridge() {
    return NamespaceBridges.name(subnet);
  }

  /**
   * The veth end of process {@code number} attached to the bridge (in this machine's namespace).
   */
  private String bridgeEnd(int number) {
    return bridge() + "v" + number;
  }

  /** The veth end of process {@code number} inside its own namespace. */
  private String namespaceEnd(int number) {
    return bridge() + "p" + number;
  }

  @Override
  public String toString() {
    return "network namespaces on bridge " + bridge();
  }

  /** Deletes the namespaces and the bridge; the processes in them must have ended. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ShutdownReaper.forget(this);
    NamespaceBridges.delete(subnet);
    events.accept("network namespaces on bridge " + bridge() + " deleted");
  }

  /** Null if netem works on this kernel, else why added latency cannot be had here. */
  private static String probeNetem(String bridge) {
    ShortCommand.Result probe =
        IpCommand.attempt("tc", "qdisc", "add", "dev", bridge, "root", "netem", "delay", "1ms");
    if (probe.succeeded()) {
      IpCommand.attempt("tc", "qdisc", "del", "dev", bridge, "root");
      return null;
    }
    return "needs the kernel's netem queueing discipline (sch_netem, CONFIG_NET_SCH_NETEM) for"
        + " added latency; 'tc qdisc add … netem' said: "
        + probe.output().strip();
  }

  private static int effectiveUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Integer.parseInt(line.split("\\s+")[2]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
