package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default platform: a real Flink session cluster of local JVMs. One cluster at a time,
 * started on first use and reused while scenarios ask for the same shape; a different shape
 * replaces it. Each run works in its own directory under the work dir; finished runs beyond the
 * configured number are deleted so nothing grows without bound.
 */
public final class LocalPlatform implements Platform {

  private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);
  private static final DateTimeFormatter RUN_NAME =
      DateTimeFormatter.ofPattern("'run-'yyyyMMdd-HHmmss");

  private final FlinkDistribution distribution;
  private final Path runDir;
  private final int keepRuns;
  private LocalFlinkCluster cluster;
  private int clustersStarted;

  public LocalPlatform(FlinkDistribution distribution, Path workDir, int keepRuns) {
    this.distribution = distribution;
    this.keepRuns = keepRuns;
    this.runDir =
        workDir.resolve(LocalDateTime.now().format(RUN_NAME) + "-" + ProcessHandle.current().pid());
    pruneOldRuns(workDir, Math.max(0, keepRuns - 1));
  }

  public static LocalPlatform fromSettings(HarnessSettings settings) {
    return new LocalPlatform(
        FlinkDistribution.from(settings.flinkClasspathFile(), settings.launcherJar()),
        settings.workDir(),
        settings.keepWorkDirs());
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public synchronized LocalFlinkCluster cluster(ClusterSpec spec) {
    if (cluster != null && cluster.spec().equals(spec)) {
      cluster.awaitReady();
      return cluster;
    }
    if (cluster != null) {
      LOG.info("Replacing the local cluster ({}) with one of {}", cluster.spec(), spec);
      cluster.close();
      cluster = null;
    }
    clustersStarted++;
    Path dir = runDir.resolve("cluster-" + clustersStarted);
    LOG.info("Starting a local Flink cluster ({}) in {}", spec, dir);
    cluster = LocalFlinkCluster.start(spec, distribution, dir);
    return cluster;
  }

  /** The running cluster, if one was started. */
  public synchronized LocalFlinkCluster current() {
    return cluster;
  }

  @Override
  public synchronized void close(boolean keepEvidence) {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
    if (!keepEvidence || keepRuns == 0) {
      deleteTree(runDir);
    } else {
      LOG.info("Kept the work dir of this run for inspection: {}", runDir);
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
