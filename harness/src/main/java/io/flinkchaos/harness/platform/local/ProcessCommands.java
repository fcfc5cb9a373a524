package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.platform.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;

/**
 * How each generation of a local cluster's processes is launched: its directory under the work dir
 * (conf/, tmp/, one log per generation), its config files, and the JVM command line with the memory
 * flags Flink's own scripts compute, behind OrphanGuard.
 */
final class ProcessCommands {

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

  private final FlinkDistribution distribution;
  private final Path workDir;
  private final Path pluginsDir;
  private final Storage storage;
  private final Configuration config;
  private final int zooKeeperPort;
  private final ClusterNetwork network;
  private final MemoryFlagsSource memorySource;
  private final boolean cachesMemoryFlags;

  /**
   * Memory flags by the options they follow from, for every cluster of this run: computing them
   * starts a JVM (seconds on a loaded machine), and clusters of one run share their memory sizes.
   */
  private static final Map<MemoryOptions, FlinkMemoryFlags> MEMORY_FLAGS =
      new ConcurrentHashMap<>();

  /**
   * What Flink's memory computation reads (TaskExecutorProcessUtils, JobManagerProcessUtils: the
   * memory and legacy heap options, slots and CPU cores, external resources) for one role on one
   * classpath.
   */
  private record MemoryOptions(
      String classpath, FlinkMemoryFlags.Role role, Map<String, String> options) {

    static MemoryOptions of(String classpath, FlinkMemoryFlags.Role role, Configuration config) {
      Map<String, String> options = new TreeMap<>();
      config
          .toMap()
          .forEach(
              (key, value) -> {
                if (MEMORY_KEY.matcher(key).lookingAt()) {
                  options.put(key, value);
                }
              });
      return new MemoryOptions(classpath, role, options);
    }
  }

  private static final Pattern MEMORY_KEY =
      Pattern.compile(
          "(jobmanager|taskmanager)\\.(memory\\.|heap|numberOfTaskSlots|cpu\\.)|external-resource");

  /** Where a role's memory flags come from: Flink's BashJavaUtils in the cluster's classpath. */
  @FunctionalInterface
  interface MemoryFlagsSource {
    FlinkMemoryFlags compute(FlinkMemoryFlags.Role role, Path confDir);
  }

  /**
   * @param config the configuration all Flink processes share ({@link LocalClusterConfiguration})
   * @param zooKeeperPort the HA ZooKeeper's client port; only used by {@link #zooKeeper}
   */
  ProcessCommands(
      FlinkDistribution distribution,
      Path workDir,
      Path pluginsDir,
      Storage storage,
      Configuration config,
      int zooKeeperPort,
      ClusterNetwork network) {
    this(
        distribution,
        workDir,
        pluginsDir,
        storage,
        config,
        zooKeeperPort,
        network,
        (role, confDir) -> FlinkMemoryFlags.compute(distribution, role, confDir),
        true);
  }

  /** With {@code memorySource} in place of Flink's computation (tests), never cached. */
  ProcessCommands(
      FlinkDistribution distribution,
      Path workDir,
      Path pluginsDir,
      Storage storage,
      Configuration config,
      int zooKeeperPort,
      ClusterNetwork network,
      MemoryFlagsSource memorySource) {
    this(
        distribution,
        workDir,
        pluginsDir,
        storage,
        config,
        zooKeeperPort,
        network,
        memorySource,
        false);
  }

  private ProcessCommands(
      FlinkDistribution distribution,
      Path workDir,
      Path pluginsDir,
      Storage storage,
      Configuration config,
      int zooKeeperPort,
      ClusterNetwork network,
      MemoryFlagsSource memorySource,
      boolean cachesMemoryFlags) {
    this.memorySource = memorySource;
    this.cachesMemoryFlags = cachesMemoryFlags;
    this.distribution = distribution;
    this.workDir = workDir;
    this.pluginsDir = pluginsDir;
    this.storage = storage;
    this.config = config;
    this.zooKeeperPort = zooKeeperPort;
    this.network = network;
  }

  /** The log file of generation {@code generation} of process {@code name}. */
  static Path logFile(Path workDir, String name, int generation) {
    return workDir.resolve(name).resolve(name + ".g" + generation + ".log");
  }

  ProcessBuilder zooKeeper(int generation) {
    Path dir = processDir("zookeeper");
    Properties zoo = new Properties();
    zoo.setProperty("tickTime", "1000");
    zoo.setProperty("initLimit", "10");
    zoo.setProperty("syncLimit", "5");
    zoo.setProperty("dataDir", dir.resolve("data").toString());
    zoo.setProperty("clientPort", Integer.toString(zooKeeperPort));
    zoo.setProperty("clientPortAddress", network.host("zookeeper"));
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
            "zookeeper",
            generation,
            List.of("-Xmx128m", "-Xms64m"),
            "-Dzookeeper.admin.enableServer=false");
    command.add("org.apache.flink.runtime.zookeeper.FlinkZooKeeperQuorumPeer");
    command.add("--zkConfigFile");
    command.add(zooCfg.toString());
    command.add("--peerId");
    command.add("1");
    return processBuilder("zookeeper", generation, command);
  }

  ProcessBuilder jobManager(int generation) {
    Path dir = processDir("jobmanager");
    Configuration own = new Configuration(config);
    own.setString("io.tmp.dirs", dir.resolve("tmp").toString());
    writeConf(dir.resolve("conf"), own);
    FlinkMemoryFlags memory = memory(FlinkMemoryFlags.Role.JOB_MANAGER, dir.resolve("conf"), own);
    List<String> command = javaCommand("jobmanager", generation, memory.jvmParameters());
    command.add("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
    command.add("--configDir");
    command.add(dir.resolve("conf").toString());
    command.addAll(memory.dynamicProperties());
    return processBuilder("jobmanager", generation, command);
  }

  ProcessBuilder taskManager(int index, int generation) {
    String name = TaskManagerResourceId.name(index);
    Path dir = processDir(name);
    Configuration own = new Configuration(config);
    own.setString("io.tmp.dirs", dir.resolve("tmp").toString());
    own.setString("taskmanager.resource-id", TaskManagerResourceId.of(index, generation));
    own.setString("taskmanager.host", network.host(name));
    own.setString("taskmanager.bind-host", network.bindHost(name));
    writeConf(dir.resolve("conf"), own);
    FlinkMemoryFlags memory = memory(FlinkMemoryFlags.Role.TASK_MANAGER, dir.resolve("conf"), own);
    List<String> command = javaCommand(name, generation, memory.jvmParameters());
    command.add("org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
    command.add("--configDir");
    command.add(dir.resolve("conf").toString());
    command.addAll(memory.dynamicProperties());
    return processBuilder(name, generation, command);
  }

  /**
   * The memory flags of a role: Flink's computed once per set of memory options in a run, a given
   * source's (a test's) every time.
   */
  private FlinkMemoryFlags memory(FlinkMemoryFlags.Role role, Path confDir, Configuration own) {
    if (!cachesMemoryFlags) {
      return memorySource.compute(role, confDir);
    }
    return MEMORY_FLAGS.computeIfAbsent(
        MemoryOptions.of(distribution.classpath(), role, own),
        options -> memorySource.compute(role, confDir));
  }

  private List<String> javaCommand(
      String name, int generation, List<String> memoryFlags, String... extraFlags) {
    Path dir = workDir.resolve(name);
    List<String> command = new ArrayList<>();
    command.add(distribution.javaBinary().toString());
    command.addAll(memoryFlags);
    command.addAll(Arrays.asList(extraFlags));
    command.addAll(JAVA_17_MODULE_FLAGS);
    command.add("-Dlog.file=" + logFile(workDir, name, generation));
    command.add("-Dlog4j.configurationFile=file:" + dir.resolve("conf/log4j.properties"));
    command.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
    command.add("-Dzookeeper.sasl.disable=true");
    command.add("-cp");
    command.add(distribution.classpath());
    command.add("io.flinkchaos.dist.OrphanGuard");
    command.add(Long.toString(ProcessHandle.current().pid()));
    return command;
  }

  private ProcessBuilder processBuilder(String name, int generation, List<String> command) {
    Path dir = workDir.resolve(name);
    Path out = dir.resolve(name + ".g" + generation + ".out");
    ProcessBuilder builder =
        new ProcessBuilder(network.wrap(name, command)).directory(dir.toFile());
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
        ProcessCommands.class.getResourceAsStream("log4j-cluster.properties")) {
      Files.copy(log4j, confDir.resolve("log4j.properties"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the log configuration to " + confDir, e);
    }
  }
}
