package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.flink.FlinkRest;
import io.flinkchaos.harness.flink.FlinkRestClient;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.ControlPlane;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.JobLifecycle;
import io.flinkchaos.harness.platform.NetworkFaults;
import io.flinkchaos.harness.platform.ProcessFaults;
import io.flinkchaos.harness.platform.Storage;
import io.flinkchaos.harness.platform.rest.RestJobLifecycle;
import io.flinkchaos.harness.platform.rest.RestSubmission;
import io.flinkchaos.harness.report.Evidence;
import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A real Flink session cluster on this machine: one JobManager and N TaskManagers, each a separate
 * JVM with its own working dir, config and log, bound to loopback on ports chosen at runtime. Every
 * process is supervised like a Kubernetes Deployment's pod: killed ones are replaced.
 */
public final class LocalFlinkCluster implements FlinkCluster, AutoCloseable {

  static final String NO_CONTROL_PLANE =
      "needs a Kubernetes platform (the local platform has no operator or kubelet): run with"
          + " -Dharness.platform=k3s or -Dharness.platform=kubeconfig";

  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final ClusterSpec spec;
  private final Path workDir;
  private final Storage storage;
  private final ClusterEventLog events;
  private final ClusterNetwork network;
  private final LocalClusterProcesses processes;
  private final LocalProcessFaults faults;
  private final FlinkRestClient rest;
  private final RestJobLifecycle lifecycle = new RestJobLifecycle(this);

  private LocalFlinkCluster(
      ClusterSpec spec,
      FlinkDistribution distribution,
      Path workDir,
      Storage storage,
      Path pluginsDir) {
    this.spec = spec;
    this.workDir = workDir;
    this.storage = storage;
    this.events = new ClusterEventLog(workDir.resolve("cluster-events.log"));
    this.network =
        spec.separateNetworks()
            ? NamespaceNetwork.create(LocalClusterProcesses.names(spec), events::record)
            : LoopbackNetwork.INSTANCE;
    try {
      java.util.List<Integer> ports = LocalClusterConfiguration.freePorts(3);
      int restPort = ports.get(0);
      int zooKeeperPort = spec.highAvailability() ? ports.get(2) : -1;
      var config =
          LocalClusterConfiguration.of(
              spec, storage, workDir, ports.get(1), restPort, zooKeeperPort, network);
      var commands =
          new ProcessCommands(
              distribution, workDir, pluginsDir, storage, config, zooKeeperPort, network);
      this.processes = LocalClusterProcesses.of(spec, commands, workDir, events::record);
      this.faults = new LocalProcessFaults(processes, events);
      this.rest = new FlinkRestClient(network.host("jobmanager"), restPort);
    } catch (RuntimeException e) {
      network.close();
      throw e;
    }
  }

  /**
   * Starts the processes and waits until the REST API answers and every TaskManager registered.
   * Checkpoints, savepoints, HA data and output go to {@code storage}; {@code pluginsDir} is the
   * cluster's plugins/ directory (the S3 file system lives there).
   */
  public static LocalFlinkCluster start(
      ClusterSpec spec,
      FlinkDistribution distribution,
      Path workDir,
      Storage storage,
      Path pluginsDir) {
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cluster work dir " + workDir, e);
    }
    LocalFlinkCluster cluster =
        new LocalFlinkCluster(spec, distribution, workDir, storage, pluginsDir);
    try {
      cluster.processes.start();
      cluster.awaitReady(START_TIMEOUT);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return "local cluster (" + spec + "), REST " + rest.endpoint();
  }

  @Override
  public ClusterSpec spec() {
    return spec;
  }

  @Override
  public FlinkRest rest() {
    return rest;
  }

  @Override
  public Storage storage() {
    return storage;
  }

  public Path workDir() {
    return workDir;
  }

  @Override
  public DeployedJob deploy(JobSpec job, String restorePath) {
    DeployedJob deployed = RestSubmission.submit(rest, job, restorePath);
    events.record(
        "submitted "
            + job
            + " as job "
            + deployed.jobId()
            + (restorePath == null ? "" : " from " + restorePath));
    return deployed;
  }

  @Override
  public void cancel(DeployedJob job) {
    if (RestSubmission.cancel(rest, job)) {
      events.record("cancelled job " + job.jobId());
    }
  }

  @Override
  public SortedSet<Integer> taskManagerNumbers(java.util.Collection<String> resourceIds) {
    SortedSet<Integer> indexes = new TreeSet<>();
    for (String resourceId : resourceIds) {
      TaskManagerResourceId.index(resourceId).ifPresent(indexes::add);
    }
    return indexes;
  }

  @Override
  public int registeredTaskManagers() {
    return rest.overview().getNumTaskManagersConnected();
  }

  @Override
  public void awaitReady() {
    awaitReady(Duration.ofSeconds(60));
  }

  private void awaitReady(Duration atMost) {
    long expected = processes.expectedTaskManagers();
    Waits.until(
        "the local Flink cluster ("
            + spec
            + ") to be ready at "
            + rest.endpoint()
            + ", work dir "
            + workDir,
        atMost,
        () -> {
          var overview = rest.overview();
          return "TaskManagers registered "
              + overview.getNumTaskManagersConnected()
              + "/"
              + expected
              + ", slots "
              + overview.getNumSlotsTotal()
              + "/"
              + spec.totalSlots();
        },
        observed ->
            observed.startsWith("TaskManagers registered " + expected + "/")
                && processes.allAlive(),
        observed -> processes.supervisionFailure());
  }

  @Override
  public ProcessFaults processes() {
    return faults;
  }

  @Override
  public JobLifecycle jobs() {
    return lifecycle;
  }

  @Override
  public Capability<ControlPlane> controlPlane() {
    return Capability.missing(NO_CONTROL_PLANE);
  }

  @Override
  public Capability<NetworkFaults> network() {
    return network.faults();
  }

  @Override
  public void collectEvidence(Evidence evidence) {
    evidence.addTail("cluster events", events.file());
    processes.addLogs(evidence);
    try {
      evidence.add(
          "jobs on the cluster",
          rest.jobs().stream()
              .map(j -> j.getJobId() + " " + j.getJobName() + " " + j.getStatus())
              .collect(Collectors.joining("\n")));
    } catch (RuntimeException e) {
      evidence.add("jobs on the cluster", "REST unavailable: " + e.getMessage());
    }
  }

  /** Why supervision gave up on some process (a crash loop), with where its log is; else null. */
  public String supervisionFailure() {
    return processes.supervisionFailure();
  }

  /** Process ids of the live cluster processes (for tests that check nothing is left). */
  public List<Long> pids() {
    return processes.pids();
  }

  @Override
  public void close() {
    processes.stop(STOP_GRACE);
    network.close();
    rest.close();
    events.record("cluster stopped");
  }
}
