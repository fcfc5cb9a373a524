package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.flink.FlinkRest;
import io.flinkchaos.harness.flink.FlinkRestClient;
import io.flinkchaos.harness.flink.JobCancellation;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.ControlPlane;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.JobLifecycle;
import io.flinkchaos.harness.platform.ProcessEvent;
import io.flinkchaos.harness.platform.ProcessEvents;
import io.flinkchaos.harness.platform.ProcessFaults;
import io.flinkchaos.harness.platform.ProcessFreezer;
import io.flinkchaos.harness.platform.Storage;
import io.flinkchaos.harness.report.Evidence;
import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A real Flink session cluster on this machine: one JobManager and N TaskManagers, each a separate
 * JVM with its own working dir, config and log, bound to loopback on ports chosen at runtime. Every
 * process is supervised like a Kubernetes Deployment's pod: killed ones are replaced.
 */
public final class LocalFlinkCluster
    implements FlinkCluster, ProcessFaults, ProcessEvents, AutoCloseable {

  static final String NO_CONTROL_PLANE =
      "needs a Kubernetes platform (the local platform has no operator or kubelet): run with"
          + " -Dharness.platform=k3s or -Dharness.platform=kubeconfig";

  private static final Pattern TASK_MANAGER_RESOURCE_ID =
      Pattern.compile("taskmanager-(\\d+)-g\\d+");

  /** The lines {@link SupervisedProcess} reports, turned into {@link ProcessEvent}s. */
  private static final Pattern STARTED =
      Pattern.compile("(\\S+) generation (\\d+) started, pid (\\d+)");

  private static final Pattern KILLED = Pattern.compile("(\\S+) pid (\\d+) killed with SIGKILL.*");
  private static final Pattern EXITED = Pattern.compile("(\\S+) pid (\\d+) exited with code .*");

  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final String LOOPBACK = "127.0.0.1";

  /** Flink's default {@code env.java.opts.all} for Java 17 (flink-dist config.yaml). */
  private static final List<String> JAVA_17_MODULE_FLAGS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private final ClusterSpec spec;
  private final FlinkDistribution distribution;
  private final Path workDir;
  private final Storage storage;
  private final Path pluginsDir;
  private final Configuration config;
  private final int restPort;
  private final Path eventsLog;
  private final SupervisedProcess zooKeeper;
  private final int zooKeeperPort;
  private final SupervisedProcess jobManager;
  private final List<SupervisedProcess> taskManagers = new ArrayList<>();
  private final FlinkRestClient rest;
  private final RestJobLifecycle lifecycle = new RestJobLifecycle(this);
  private final LocalProcessFreezer freezer = new LocalProcessFreezer(this::process);
  private final List<ProcessEvent> processEvents = new ArrayList<>();
  private final Map<Long, Integer> generationOfPid = new java.util.HashMap<>();

  private LocalFlinkCluster(
      ClusterSpec spec,
      FlinkDistribution distribution,
      Path workDir,
      Storage storage,
      Path pluginsDir) {
    this.spec = spec;
    this.distribution = distribution;
    this.workDir = workDir;
    this.eventsLog = workDir.resolve("cluster-events.log");
    this.storage = storage;
    this.pluginsDir = pluginsDir;
    this.restPort = freePort();
    this.zooKeeperPort = spec.highAvailability() ? freePort() : -1;
    this.config = clusterConfiguration(spec, freePort(), restPort);
    this.zooKeeper =
        spec.highAvailability()
            ? new SupervisedProcess("zookeeper", this::zooKeeperCommand, this::event)
            : null;
    this.jobManager =
        new SupervisedProcess(
            "jobmanager", generation -> jobManagerCommand(generation), this::event);
    for (int i = 1; i <= spec.taskManagers(); i++) {
      int index = i;
      taskManagers.add(
          new SupervisedProcess(
              "taskmanager-" + index,
              generation -> taskManagerCommand(index, generation),
              this::event));
    }
    this.rest = new FlinkRestClient(LOOPBACK, restPort);
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
      if (cluster.zooKeeper != null) {
        cluster.zooKeeper.start();
      }
      cluster.jobManager.start();
      cluster.taskManagers.forEach(SupervisedProcess::start);
      cluster.awaitReady(START_TIMEOUT);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private Configuration clusterConfiguration(ClusterSpec spec, int rpcPort, int restPort) {
    Configuration c = new Configuration();
    c.setString("jobmanager.rpc.address", LOOPBACK);
    c.setString("jobmanager.rpc.port", Integer.toString(rpcPort));
    c.setString("jobmanager.bind-host", LOOPBACK);
    c.setString("taskmanager.bind-host", LOOPBACK);
    c.setString("taskmanager.host", LOOPBACK);
    c.setString("rest.address", LOOPBACK);
    c.setString("rest.bind-address", LOOPBACK);
    c.setString("rest.port", Integer.toString(restPort));
    c.setString("jobmanager.memory.process.size", "768m");
    c.setString("taskmanager.memory.process.size", "1280m");
    c.setString("taskmanager.numberOfTaskSlots", Integer.toString(spec.slotsPerTaskManager()));
    c.setString("cluster.evenly-spread-out-slots", "true");
    // The defaults (10 s / 50 s) make a killed TaskManager slow to notice.
    c.setString("heartbeat.interval", "1000");
    c.setString("heartbeat.timeout", "5000");
    // REST answers come from caches refreshed every web.refresh-interval (default 3 s), checkpoint
    // statistics included (RestHandlerConfiguration.fromConfiguration falls back to it for
    // rest.cache.checkpoint-statistics.timeout): a fault's landing record must not be 3 s stale.
    c.setString("web.refresh-interval", "100");
    c.setString("rest.cache.checkpoint-statistics.timeout", "50 ms");
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
      c.setString("high-availability.zookeeper.quorum", LOOPBACK + ":" + zooKeeperPort);
      // The default (60 s) makes a new JobManager wait long for the dead leader's session to end.
      c.setString("high-availability.zookeeper.client.session-timeout", "6000");
      c.setString("zookeeper.sasl.disable", "true");
    }
    return c;
  }

  private ProcessBuilder zooKeeperCommand(int generation) {
    Path dir = processDir("zookeeper");
    Properties zoo = new Properties();
    zoo.setProperty("tickTime", "1000");
    zoo.setProperty("initLimit", "10");
    zoo.setProperty("syncLimit", "5");
    zoo.setProperty("dataDir", dir.resolve("data").toString());
    zoo.setProperty("clientPort", Integer.toString(zooKeeperPort));
    zoo.setProperty("clientPortAddress", LOOPBACK);
    zoo.setProperty("maxClientCnxns", "0");
    Path zooCfg = dir.resolve("conf/zoo.cfg");
    try (var out = Files.newBufferedWriter(zooCfg)) {
      zoo.store(out, "ZooKeeper for the local cluster's HA services");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + zooCfg, e);
    }
    writeLog4j(dir.resolve("conf"));
    List<String> command =
        javaCommand(
            dir,
            "zookeeper",
            generation,
            "-Xmx128m -Xms64m",
            "-Dzookeeper.admin.enableServer=false");
    command.add("org.apache.flink.runtime.zookeeper.FlinkZooKeeperQuorumPeer");
    command.add("--zkConfigFile");
    command.add(zooCfg.toString());
    command.add("--peerId");
    command.add("1");
    return processBuilder(dir, "zookeeper", generation, command);
  }

  private ProcessBuilder jobManagerCommand(int generation) {
    Path dir = processDir("jobmanager");
    Configuration own = new Configuration(config);
    own.setString("io.tmp.dirs", dir.resolve("tmp").toString());
    JobManagerProcessSpec memory =
        JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap(
            own, JobManagerOptions.JVM_HEAP_MEMORY);
    writeConf(dir.resolve("conf"), own);
    List<String> command =
        javaCommand(
            dir,
            "jobmanager",
            generation,
            JobManagerProcessUtils.generateJvmParametersStr(memory, own));
    command.add("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
    command.add("--configDir");
    command.add(dir.resolve("conf").toString());
    addDynamicProperties(command, JobManagerProcessUtils.generateDynamicConfigsStr(memory));
    return processBuilder(dir, "jobmanager", generation, command);
  }

  private ProcessBuilder taskManagerCommand(int index, int generation) {
    String name = "taskmanager-" + index;
    Path dir = processDir(name);
    Configuration own = new Configuration(config);
    own.setString("io.tmp.dirs", dir.resolve("tmp").toString());
    own.setString("taskmanager.resource-id", name + "-g" + generation);
    Configuration withFallback =
        TaskExecutorProcessUtils.getConfigurationMapLegacyTaskManagerHeapSizeToConfigOption(
            own, TaskManagerOptions.TOTAL_FLINK_MEMORY);
    TaskExecutorProcessSpec memory = TaskExecutorProcessUtils.processSpecFromConfig(withFallback);
    writeConf(dir.resolve("conf"), own);
    List<String> command =
        javaCommand(dir, name, generation, ProcessMemoryUtils.generateJvmParametersStr(memory));
    command.add("org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
    command.add("--configDir");
    command.add(dir.resolve("conf").toString());
    addDynamicProperties(command, TaskExecutorProcessUtils.generateDynamicConfigsStr(memory));
    return processBuilder(dir, name, generation, command);
  }

  private List<String> javaCommand(
      Path dir, String name, int generation, String memoryFlags, String... extraFlags) {
    List<String> command = new ArrayList<>();
    command.add(distribution.javaBinary().toString());
    command.addAll(Arrays.asList(memoryFlags.trim().split("\\s+")));
    command.addAll(Arrays.asList(extraFlags));
    command.addAll(JAVA_17_MODULE_FLAGS);
    command.add("-Dlog.file=" + dir.resolve(name + ".g" + generation + ".log"));
    command.add("-Dlog4j.configurationFile=file:" + dir.resolve("conf/log4j.properties"));
    command.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
    command.add("-Dzookeeper.sasl.disable=true");
    command.add("-cp");
    command.add(distribution.classpath());
    command.add("io.flinkchaos.dist.OrphanGuard");
    command.add(Long.toString(ProcessHandle.current().pid()));
    return command;
  }

  private static void addDynamicProperties(List<String> command, String dynamicConfigs) {
    for (String token : dynamicConfigs.trim().split("\\s+")) {
      if (!token.isEmpty()) {
        command.add(token);
      }
    }
  }

  private ProcessBuilder processBuilder(
      Path dir, String name, int generation, List<String> command) {
    Path out = dir.resolve(name + ".g" + generation + ".out");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.redirectErrorStream(true).redirectOutput(out.toFile());
    Map<String, String> env = builder.environment();
    env.put("FLINK_PLUGINS_DIR", pluginsDir.toString());
    env.putAll(storage.processEnvironment());
    env.remove("FLINK_CONF_DIR");
    return builder;
  }

  private Path processDir(String name) {
    Path dir = workDir.resolve(name);
    try {
      Files.createDirectories(dir.resolve("tmp"));
      Files.createDirectories(dir.resolve("conf"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static void writeConf(Path confDir, Configuration config) {
    try {
      Files.write(
          confDir.resolve("config.yaml"),
          ConfigurationUtils.convertConfigToWritableLines(config, false));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Flink configuration to " + confDir, e);
    }
    writeLog4j(confDir);
  }

  private static void writeLog4j(Path confDir) {
    try (InputStream log4j =
        LocalFlinkCluster.class.getResourceAsStream("log4j-cluster.properties")) {
      Files.copy(
          log4j,
          confDir.resolve("log4j.properties"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the log configuration to " + confDir, e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + LOOPBACK, e);
    }
  }

  private synchronized void event(String line) {
    recordProcessEvent(line);
    String stamped = LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + line + "\n";
    try {
      Files.writeString(eventsLog, stamped, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The events log is evidence only; the process state itself is tracked in memory.
    }
  }

  private void recordProcessEvent(String line) {
    Instant now = Instant.now();
    Matcher started = STARTED.matcher(line);
    if (started.matches()) {
      int generation = Integer.parseInt(started.group(2));
      long pid = Long.parseLong(started.group(3));
      generationOfPid.put(pid, generation);
      processEvents.add(
          new ProcessEvent(now, started.group(1), generation, pid, ProcessEvent.Type.STARTED));
      return;
    }
    for (var entry :
        Map.of(KILLED, ProcessEvent.Type.KILLED, EXITED, ProcessEvent.Type.EXITED).entrySet()) {
      Matcher matcher = entry.getKey().matcher(line);
      if (matcher.matches()) {
        long pid = Long.parseLong(matcher.group(2));
        processEvents.add(
            new ProcessEvent(
                now,
                matcher.group(1),
                generationOfPid.getOrDefault(pid, 0),
                pid,
                entry.getValue()));
        return;
      }
    }
  }

  @Override
  public synchronized List<ProcessEvent> history() {
    return List.copyOf(processEvents);
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
    String jarId = rest.uploadJar(job.jar());
    Instant submittedAt = Instant.now();
    JobID jobId = rest.runJar(jarId, job.submission(restorePath));
    event(
        "submitted "
            + job
            + " as job "
            + jobId
            + (restorePath == null ? "" : " from " + restorePath));
    return new DeployedJob(jobId, job, submittedAt, restorePath);
  }

  @Override
  public void cancel(DeployedJob job) {
    if (new JobCancellation(rest).cancel(job.jobId()) == JobCancellation.Result.CANCELLED) {
      event("cancelled job " + job.jobId());
    }
  }

  @Override
  public void killTaskManager(int index) {
    taskManager(index).kill();
  }

  @Override
  public SortedSet<Integer> taskManagersRunning(JobID job) {
    SortedSet<Integer> indexes = new TreeSet<>();
    for (String resourceId : rest.taskManagersRunning(job)) {
      Matcher matcher = TASK_MANAGER_RESOURCE_ID.matcher(resourceId);
      if (matcher.matches()) {
        indexes.add(Integer.parseInt(matcher.group(1)));
      }
    }
    return indexes;
  }

  @Override
  public void takeTaskManagerDown(int index) {
    taskManager(index).killAndHold();
  }

  @Override
  public void bringTaskManagerBack(int index) {
    SupervisedProcess tm = taskManager(index);
    if (tm.isHeld()) {
      tm.start();
    }
  }

  private SupervisedProcess taskManager(int index) {
    if (index < 1 || index > taskManagers.size()) {
      throw new IllegalArgumentException(
          "TaskManager "
              + index
              + " does not exist: this cluster has TaskManagers 1.."
              + taskManagers.size());
    }
    return taskManagers.get(index - 1);
  }

  /** Kills the JobManager with SIGKILL; supervision starts a new one. */
  @Override
  public void killJobManager() {
    jobManager.kill();
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
    long expected = taskManagers.stream().filter(tm -> !tm.isHeld()).count();
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
            observed.startsWith("TaskManagers registered " + expected + "/") && allProcessesAlive(),
        observed -> supervisionFailure());
  }

  private boolean allProcessesAlive() {
    return (zooKeeper == null || zooKeeper.isAlive())
        && jobManager.isAlive()
        && taskManagers.stream().allMatch(tm -> tm.isHeld() || tm.isAlive());
  }

  private String supervisionFailure() {
    List<String> failures = new ArrayList<>();
    if (zooKeeper != null && zooKeeper.failure() != null) {
      failures.add(zooKeeper.failure() + ", log in " + workDir.resolve("zookeeper"));
    }
    if (jobManager.failure() != null) {
      failures.add(jobManager.failure() + ", log in " + workDir.resolve("jobmanager"));
    }
    for (SupervisedProcess tm : taskManagers) {
      if (tm.failure() != null) {
        failures.add(tm.failure() + ", log in " + workDir.resolve(tm.name()));
      }
    }
    return failures.isEmpty() ? null : String.join("; ", failures);
  }

  @Override
  public ProcessFaults processes() {
    return this;
  }

  @Override
  public JobLifecycle jobs() {
    return lifecycle;
  }

  @Override
  public Capability<ProcessEvents> processEvents() {
    return Capability.of(this);
  }

  @Override
  public Capability<ControlPlane> controlPlane() {
    return Capability.missing(NO_CONTROL_PLANE);
  }

  @Override
  public Capability<ProcessFreezer> freezer() {
    return Capability.of(freezer);
  }

  private SupervisedProcess process(FlinkProcess process) {
    return process.role() == FlinkProcess.Role.JOB_MANAGER
        ? jobManager
        : taskManager(process.index());
  }

  @Override
  public void collectEvidence(Evidence evidence) {
    evidence.addTail("cluster events", eventsLog);
    evidence.addTail("jobmanager log", latestLog("jobmanager", jobManager.generation()));
    if (jobManager.generation() > 1) {
      evidence.addTail(
          "jobmanager previous log", latestLog("jobmanager", jobManager.generation() - 1));
    }
    if (zooKeeper != null) {
      evidence.addTail("zookeeper log", latestLog("zookeeper", zooKeeper.generation()));
    }
    for (SupervisedProcess tm : taskManagers) {
      evidence.addTail(tm.name() + " log", latestLog(tm.name(), tm.generation()));
      if (tm.generation() > 1) {
        evidence.addTail(tm.name() + " previous log", latestLog(tm.name(), tm.generation() - 1));
      }
    }
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

  private Path latestLog(String name, int generation) {
    return workDir.resolve(name).resolve(name + ".g" + generation + ".log");
  }

  /** Process ids of the live cluster processes (for tests that check nothing is left). */
  public List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    if (zooKeeper != null) {
      pids.add(zooKeeper.pid());
    }
    pids.add(jobManager.pid());
    taskManagers.forEach(tm -> pids.add(tm.pid()));
    return pids;
  }

  @Override
  public void close() {
    List<SupervisedProcess> all = new ArrayList<>(taskManagers);
    all.add(jobManager);
    SupervisedProcess.stopAll(all, STOP_GRACE);
    if (zooKeeper != null) {
      zooKeeper.stop(STOP_GRACE);
    }
    rest.close();
    event("cluster stopped");
  }
}
