package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node) from Maven
 * Central jars, as its own supervised JVM on 127.0.0.1 with its own data directory, stopped by
 * {@link #close()} and by OrphanGuard if the harness dies. The recipe and its timings are measured
 * in notes/kafka-local.md (kafka_2.13 4.1.1): format the storage once, then start {@code
 * kafka.Kafka}; the port opens about 9 s later, about 24 s after a restart on the same data.
 */
public final class KafkaBroker implements AutoCloseable {

  static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final SupervisedProcess process;
  private final int port;
  private final Path dir;

  private KafkaBroker(SupervisedProcess process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /**
   * Formats {@code dir} and starts the broker on {@code port} (controller on {@code
   * controllerPort}), waiting (bounded) until it accepts connections.
   *
   * @param classpath the broker's jars, the launcher jar first
   */
  public static KafkaBroker start(
      Path dir,
      String classpath,
      Path javaBinary,
      int port,
      int controllerPort,
      Consumer<String> events) {
    Path properties = dir.resolve("server.properties");
    Path log4j = dir.resolve("log4j.properties");
    try {
      Files.createDirectories(dir.resolve("data"));
      Properties config = new Properties();
      config.setProperty("process.roles", "broker,controller");
      config.setProperty("node.id", "1");
      config.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
      config.setProperty(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
      config.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
      config.setProperty("controller.listener.names", "CONTROLLER");
      config.setProperty("inter.broker.listener.name", "PLAINTEXT");
      config.setProperty(
          "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      config.setProperty("log.dirs", dir.resolve("data").toString());
      config.setProperty("offsets.topic.replication.factor", "1");
      config.setProperty("transaction.state.log.replication.factor", "1");
      config.setProperty("transaction.state.log.min.isr", "1");
      config.setProperty("group.initial.rebalance.delay.ms", "0");
      // Timed-out transactions are aborted within a second, not up to 10 s (the default) later:
      // the transaction-timeout trap then fails promptly and by its cause.
      config.setProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
      try (Writer out = Files.newBufferedWriter(properties)) {
        config.store(out, "Kafka broker for one flink-chaos run");
      }
      Files.writeString(
          log4j,
          """
          rootLogger.level = WARN
          rootLogger.appenderRef.file.ref = File
          appender.file.type = File
          appender.file.name = File
          appender.file.fileName = ${sys:kafka.log}
          appender.file.layout.type = PatternLayout
          appender.file.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
          """);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Kafka configuration in " + dir, e);
    }
    format(dir, classpath, javaBinary, properties, log4j);
    SupervisedProcess process =
        new SupervisedProcess(
            "kafka",
            generation ->
                new ProcessBuilder(
                        java(
                            javaBinary,
                            classpath,
                            log4j,
                            dir.resolve("kafka.g" + generation + ".log"),
                            List.of(
                                "io.flinkchaos.dist.OrphanGuard",
                                Long.toString(ProcessHandle.current().pid()),
                                "kafka.Kafka",
                                properties.toString())))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("kafka.g" + generation + ".out").toFile()),
            events);
    KafkaBroker broker = new KafkaBroker(process, port, dir);
    process.start();
    try {
      broker.awaitAccepting("");
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  private void awaitAccepting(String after) {
    int generation = process.generation();
    Waits.until(
        "the Kafka broker (generation "
            + generation
            + ") to accept connections at 127.0.0.1:"
            + port
            + after
            + " (logs in "
            + dir
            + ")",
        START_TIMEOUT,
        () -> LoopbackPorts.accepting(port),
        open -> open,
        open -> process.failure());
  }

  /**
   * SIGKILLs the broker; supervision starts it again on the same data (log recovery: about 24 s in
   * notes/kafka-local.md). Returns once the new broker accepts connections.
   */
  public void killAndRestart() {
    int killed = process.generation();
    process.kill();
    Waits.until(
        "the Kafka broker killed in generation " + killed + " to be started again",
        START_TIMEOUT,
        process::generation,
        generation -> generation > killed,
        generation -> process.failure());
    awaitAccepting(" after a SIGKILL");
  }

  /** SIGKILLs the broker and keeps it down for {@code downFor}, then starts it on its data. */
  public void killFor(Duration downFor) {
    java.time.Instant killedAt = java.time.Instant.now();
    process.killAndHold();
    Waits.untilElapsed(
        "the Kafka broker to have been down for " + Waits.format(downFor), killedAt, downFor);
    process.start();
    awaitAccepting(" after " + Waits.format(downFor) + " down");
  }

  private static List<String> java(
      Path javaBinary, String classpath, Path log4j, Path logFile, List<String> main) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary.toString());
    command.add("-Xmx512m");
    command.add("-Dlog4j2.configurationFile=" + log4j);
    command.add("-Dkafka.log=" + logFile);
    command.add("-cp");
    command.add(classpath);
    command.addAll(main);
    return command;
  }

  /** {@code StorageTool format} with a fresh cluster id (a Kafka Uuid: 16 bytes, base64url). */
  private static void format(
      Path dir, String classpath, Path javaBinary, Path properties, Path log4j) {
    byte[] id = new byte[16];
    new SecureRandom().nextBytes(id);
    String clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    Path out = dir.resolve("format.out");
    try {
      Process format =
          new ProcessBuilder(
                  java(
                      javaBinary,
                      classpath,
                      log4j,
                      dir.resolve("format.log"),
                      List.of(
                          "kafka.tools.StorageTool",
                          "format",
                          // one token: an id starting with '-' (1 in 64 random ids) is read as an
                          // option otherwise ("argument --cluster-id/-t: expected one argument")
                          "--cluster-id=" + clusterId,
                          "-c",
                          properties.toString())))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!format.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        format.destroyForcibly();
        throw new IllegalStateException(
            "formatting Kafka's storage did not end within "
                + Waits.format(FORMAT_TIMEOUT)
                + " (see "
                + out
                + ")");
      }
      if (format.exitValue() != 0) {
        throw new IllegalStateException(
            "formatting Kafka's storage failed with exit code "
                + format.exitValue()
                + ": "
                + String.join(" | ", Files.readAllLines(out)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run Kafka's StorageTool in " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted formatting Kafka's storage", e);
    }
  }

  /** {@code 127.0.0.1:<port>}: what clients give as {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(10));
  }
}
