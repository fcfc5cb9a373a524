package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.kafka.ExternalKafka;
import io.flinkchaos.harness.kafka.KafkaService;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.MissingCapabilityException;
import io.flinkchaos.harness.platform.Platform;
import io.flinkchaos.harness.platform.Storage;
import io.flinkchaos.harness.s3.S3Endpoint;
import io.flinkchaos.harness.s3.S3Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default platform: a real Flink session cluster of local JVMs. One cluster at a time,
 * started on first use and reused while scenarios ask for the same shape; a different shape
 * replaces it. Storage is local directories, or S3 ({@code -Dharness.storage=s3}): an embedded
 * s3proxy by default, or an S3-compatible store / AWS S3 given by {@code -Dharness.s3.endpoint}.
 * Each run works in its own directory under the work dir; finished runs beyond the configured
 * number are deleted so nothing grows without bound.
 */
public final class LocalPlatform implements Platform {

  private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);
  private static final DateTimeFormatter RUN_NAME =
      DateTimeFormatter.ofPattern("'run-'yyyyMMdd-HHmmss");

  private final FlinkDistribution distribution;
  private final Map<String, FlinkDistribution> otherVersions = new HashMap<>();
  private final HarnessSettings settings;
  private final Path runDir;
  private LocalFlinkCluster cluster;
  private S3Storage s3Storage;
  private S3ProxyServer s3proxy;
  private OutageProxy s3Front;
  private LocalKafka kafka;
  private int clustersStarted;
  private boolean crashLoopSeen;

  public LocalPlatform(FlinkDistribution distribution, HarnessSettings settings) {
    this.distribution = distribution;
    this.settings = settings;
    this.runDir =
        settings
            .workDir()
            .resolve(LocalDateTime.now().format(RUN_NAME) + "-" + ProcessHandle.current().pid());
    pruneOldRuns(settings.workDir(), Math.max(0, settings.keepWorkDirs() - 1));
  }

  public static LocalPlatform fromSettings(HarnessSettings settings) {
    String storage = settings.storage();
    return new LocalPlatform(
        FlinkDistribution.from(
            settings.flinkClasspathFile(),
            settings.launcherJar(),
            storage.equals("s3") ? settings.flinkPluginsDir() : null),
        settings);
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Optional<String> controlPlaneMissing() {
    return Optional.of(LocalFlinkCluster.NO_CONTROL_PLANE);
  }

  @Override
  public synchronized LocalFlinkCluster cluster(ClusterSpec asked) {
    ClusterSpec spec =
        settings.isOtherFlinkVersion(asked.flinkVersion()) ? asked : asked.withFlinkVersion(null);
    FlinkDistribution flink = distributionFor(spec);
    if (cluster != null && cluster.spec().equals(spec)) {
      cluster.awaitReady();
      return cluster;
    }
    if (spec.separateNetworks()) {
      separateNetworksMissing()
          .ifPresent(
              why -> {
                throw new MissingCapabilityException("a cluster on separate networks " + why);
              });
    }
    if (cluster != null) {
      LOG.info("Replacing the local cluster ({}) with one of {}", cluster.spec(), spec);
      closeCluster();
    }
    clustersStarted++;
    String name = "cluster-" + clustersStarted;
    Path dir = runDir.resolve(name);
    Storage storage = newStorage(dir, name);
    Path plugins =
        storage.kind().equals("s3") ? flink.pluginsDir() : emptyDir(dir.resolve("plugins"));
    LOG.info("Starting a local Flink cluster ({}) in {}, storage {}", spec, dir, storage);
    cluster = LocalFlinkCluster.start(spec, flink, dir, storage, plugins);
    return cluster;
  }

  /**
   * The run's distribution, or another version's that the build prepared (one-line error if not).
   */
  private FlinkDistribution distributionFor(ClusterSpec spec) {
    if (spec.flinkVersion() == null) {
      return distribution;
    }
    return otherVersions.computeIfAbsent(
        spec.flinkVersion(),
        version ->
            FlinkDistribution.from(
                settings.flinkClasspathFile(version),
                settings.launcherJar(),
                settings.storage().equals("s3") ? settings.flinkPluginsDir(version) : null));
  }

  /**
   * Namespaces reach only each other: storage must be files, and the S3 server and Kafka broker of
   * this run listen on loopback, which they do not share.
   */
  private Optional<String> separateNetworksMissing() {
    if (!settings.storage().equals("file")) {
      return Optional.of(
          "needs -Dharness.storage=file: its processes' network namespaces do not reach the S3"
              + " endpoint");
    }
    return NamespaceNetwork.unavailableBecause();
  }

  private Storage newStorage(Path clusterDir, String name) {
    if (settings.storage().equals("file")) {
      return new LocalStorage(clusterDir.resolve("storage"));
    }
    S3Endpoint endpoint = s3Endpoint();
    String prefix = runDir.getFileName() + "/" + name;
    s3Storage =
        s3proxy == null
            ? new S3Storage(endpoint, settings.s3Bucket(), prefix)
            : new S3Storage(
                endpoint,
                settings.s3Bucket(),
                prefix,
                URI.create("http://" + LocalClusterConfiguration.LOOPBACK + ":" + s3Front.port()),
                Capability.of(new EmbeddedS3Outages(s3proxy, s3Front)));
    return s3Storage;
  }

  private S3Endpoint s3Endpoint() {
    String endpoint = settings.s3Endpoint();
    String accessKey = System.getenv("AWS_ACCESS_KEY_ID");
    String secretKey = System.getenv("AWS_SECRET_ACCESS_KEY");
    if (endpoint.isEmpty()) {
      if (s3proxy == null) {
        s3proxy =
            S3ProxyServer.start(
                runDir.resolve("s3proxy"),
                distribution.launcherClasspath(settings.s3ProxyClasspathFile()),
                distribution.javaBinary(),
                LocalClusterConfiguration.freePort(),
                line -> LOG.info("{}", line));
        s3Front =
            OutageProxy.start(
                LocalClusterConfiguration.freePort(), s3proxy.endpoint().endpoint().getPort());
      }
      return s3proxy.endpoint();
    }
    if (endpoint.equalsIgnoreCase("aws")) {
      return new S3Endpoint(null, settings.s3Region(), accessKey, secretKey);
    }
    if (accessKey == null || secretKey == null) {
      throw new IllegalStateException(
          "-D"
              + HarnessSettings.S3_ENDPOINT
              + "="
              + endpoint
              + " needs credentials: export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    }
    return new S3Endpoint(URI.create(endpoint), settings.s3Region(), accessKey, secretKey);
  }

  /** The user's Kafka, else a broker of this run started on first use. */
  @Override
  public synchronized Capability<KafkaService> kafka() {
    if (cluster != null && cluster.spec().separateNetworks()) {
      return Capability.missing(
          "needs a cluster on loopback: the network namespaces of a cluster on separate networks"
              + " do not reach a Kafka broker");
    }
    if (!settings.kafkaBootstrap().isEmpty()) {
      return Capability.of(new ExternalKafka(settings.kafkaBootstrap()));
    }
    if (kafka == null) {
      List<Integer> ports = LocalClusterConfiguration.freePorts(2);
      kafka =
          new LocalKafka(
              KafkaBroker.start(
                  runDir.resolve("kafka"),
                  distribution.launcherClasspath(settings.kafkaClasspathFile()),
                  distribution.javaBinary(),
                  ports.get(0),
                  ports.get(1),
                  line -> LOG.info("{}", line)));
      LOG.info("Started {}", kafka);
    }
    return Capability.of(kafka);
  }

  /** The running cluster, if one was started. */
  public synchronized LocalFlinkCluster current() {
    return cluster;
  }

  @Override
  public synchronized Optional<FlinkCluster> runningCluster() {
    return Optional.ofNullable(cluster);
  }

  @Override
  public synchronized void discardCluster(String reason) {
    if (cluster != null) {
      LOG.warn("Discarding the local cluster ({}): {}", cluster.spec(), reason);
      closeCluster();
    }
  }

  private void closeCluster() {
    String crashLoop = cluster.supervisionFailure();
    if (crashLoop != null) {
      // a crash loop in a passing run is still worth its logs: keep the work dir
      crashLoopSeen = true;
      LOG.warn("A cluster process crash-looped (the run's work dir will be kept): {}", crashLoop);
    }
    cluster.close();
    cluster = null;
    if (s3Storage != null) {
      if (s3proxy == null) {
        s3Storage.deleteAll(); // a bucket that outlives the run keeps nothing of it
      }
      s3Storage.close();
      s3Storage = null;
    }
  }

  @Override
  public synchronized void close(boolean keepEvidence) {
    if (cluster != null) {
      closeCluster();
    }
    if (s3Front != null) {
      s3Front.close();
      s3Front = null;
    }
    if (s3proxy != null) {
      s3proxy.close();
      s3proxy = null;
    }
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
    if ((!keepEvidence && !crashLoopSeen) || settings.keepWorkDirs() == 0) {
      deleteTree(runDir);
    } else {
      LOG.info("Kept the work dir of this run for inspection: {}", runDir);
    }
  }

  private static Path emptyDir(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static void pruneOldRuns(Path workDir, int keep) {
    if (!Files.isDirectory(workDir)) {
      return;
    }
    try (Stream<Path> runs = Files.list(workDir)) {
      List<Path> old =
          runs.filter(p -> p.getFileName().toString().startsWith("run-"))
              .sorted(Comparator.comparing(Path::getFileName).reversed())
              .skip(keep)
              .toList();
      old.forEach(LocalPlatform::deleteTree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list old runs in " + workDir, e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", root, e.getMessage());
    }
  }
}
