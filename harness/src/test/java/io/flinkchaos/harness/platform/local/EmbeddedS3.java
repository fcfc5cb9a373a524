package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.config.HarnessSettings;
import java.nio.file.Path;

/** Starts the embedded s3proxy from the build's classpath files, for S3 integration tests. */
public final class EmbeddedS3 {

  private EmbeddedS3() {}

  public static S3ProxyServer start(Path dir) {
    HarnessSettings settings = HarnessSettings.fromSystemProperties();
    FlinkDistribution distribution =
        FlinkDistribution.from(settings.flinkClasspathFile(), settings.launcherJar(), null);
    return S3ProxyServer.start(
        dir,
        distribution.launcherClasspath(settings.s3ProxyClasspathFile()),
        distribution.javaBinary(),
        LocalClusterConfiguration.freePort(),
        line -> {});
  }
}
