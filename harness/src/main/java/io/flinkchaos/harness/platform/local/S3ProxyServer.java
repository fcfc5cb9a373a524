package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.s3.S3Endpoint;
import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An embedded S3-compatible server: s3proxy on a directory, as its own supervised JVM on loopback,
 * with credentials generated for this run only. Stopped by {@link #close()}, and by OrphanGuard if
 * the harness dies.
 */
public final class S3ProxyServer implements AutoCloseable {

  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final SupervisedProcess process;
  private final S3Endpoint endpoint;

  private S3ProxyServer(SupervisedProcess process, S3Endpoint endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /**
   * @param classpath s3proxy's jars, {@code launcherJar} first
   */
  public static S3ProxyServer start(
      Path dir, String classpath, Path javaBinary, int port, Consumer<String> events) {
    SecureRandom random = new SecureRandom();
    String accessKey = "chaos-" + HexFormat.of().formatHex(random.generateSeed(6));
    String secretKey = HexFormat.of().formatHex(random.generateSeed(20));
    URI uri = URI.create("http://127.0.0.1:" + port);
    Path properties = dir.resolve("s3proxy.properties");
    Path logback = dir.resolve("logback.xml");
    try {
      Files.createDirectories(dir.resolve("data"));
      Files.createDirectories(dir.resolve("tmp"));
      Properties config = new Properties();
      config.setProperty("s3proxy.endpoint", uri.toString());
      config.setProperty("s3proxy.authorization", "aws-v2-or-v4");
      config.setProperty("s3proxy.identity", accessKey);
      config.setProperty("s3proxy.credential", secretKey);
      // The AWS SDK v2 sends checksum headers on DeleteObjects that s3proxy would reject (501).
      config.setProperty("s3proxy.ignore-unknown-headers", "true");
      config.setProperty("jclouds.provider", "transient");
      config.setProperty("jclouds.filesystem.basedir", dir.resolve("data").toString());
      config.setProperty("jclouds.identity", "unused");
      config.setProperty("jclouds.credential", "unused");
      try (Writer out = Files.newBufferedWriter(properties)) {
        config.store(out, "s3proxy for one flink-chaos run");
      }
      Files.writeString(
          logback,
          """
          <configuration>
            <appender name="FILE" class="ch.qos.logback.core.FileAppender">
              <file>${s3proxy.log}</file>
              <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
            </appender>
            <root level="WARN"><appender-ref ref="FILE"/></root>
          </configuration>
          """);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the s3proxy configuration in " + dir, e);
    }
    SupervisedProcess process =
        new SupervisedProcess(
            "s3proxy",
            generation ->
                new ProcessBuilder(
                        List.of(
                            javaBinary.toString(),
                            "-Xmx512m",
                            "-Ds3proxy.log=" + dir.resolve("s3proxy.g" + generation + ".log"),
                            "-Dlogback.configurationFile=" + logback,
                            "-Djava.io.tmpdir=" + dir.resolve("tmp"),
                            "-cp",
                            classpath,
                            "io.flinkchaos.dist.OrphanGuard",
                            Long.toString(ProcessHandle.current().pid()),
                            "org.gaul.s3proxy.Main",
                            "--properties",
                            properties.toString()))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("s3proxy.g" + generation + ".out").toFile()),
            events);
    S3ProxyServer server =
        new S3ProxyServer(process, S3Endpoint.compatible(uri, accessKey, secretKey));
    process.start();
    try (S3Client client = server.endpoint.client()) {
      Waits.until(
          "s3proxy to answer at " + uri + " (log in " + dir + ")",
          START_TIMEOUT,
          () -> client.listBuckets().buckets().size(),
          buckets -> true,
          buckets -> process.failure());
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public S3Endpoint endpoint() {
    return endpoint;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGSTOP: the server keeps its sockets and in-memory data and answers nothing. */
  void freeze() {
    process.freeze();
  }

  /** SIGCONT after {@link #freeze()}; nothing if not frozen. */
  void thaw() {
    process.thaw();
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(5));
  }
}
