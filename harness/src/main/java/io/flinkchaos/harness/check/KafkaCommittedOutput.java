package io.flinkchaos.harness.check;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A job's output in a Kafka topic, read like a downstream consumer reads it: with {@code
 * isolation.level=read_committed} only records of committed transactions (and non-transactional
 * ones) count, up to the last stable offset. Each partition is one {@link CommittedFile}: {@code
 * path} is {@code topic-N}, {@code size} the end offset at the listing, and {@link #open} streams
 * that partition's record values as lines up to that offset, batch by batch (memory O(one poll)).
 * {@code read_uncommitted} reads what a careless consumer would see: open and aborted transactions
 * too.
 */
public final class KafkaCommittedOutput implements CommittedOutput {

  /** How long a partition read may go without reaching further before it fails. */
  static final Duration STALL_LIMIT = Duration.ofSeconds(30);

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);

  /** What a reader of the topic sees. */
  public enum Isolation {
    READ_COMMITTED,
    READ_UNCOMMITTED;

    String config() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String bootstrapServers;
  private final String topic;
  private final Isolation isolation;

  public KafkaCommittedOutput(String bootstrapServers, String topic, Isolation isolation) {
    if (bootstrapServers.isBlank() || topic.isBlank()) {
      throw new IllegalArgumentException(
          "a Kafka output needs bootstrap servers and a topic: kafka://host:port/topic");
    }
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.isolation = isolation;
  }

  /** Whether {@code location} names a topic ({@code kafka://…}) rather than a file system path. */
  public static boolean isTopic(URI location) {
    return "kafka".equalsIgnoreCase(location.getScheme());
  }

  /**
   * {@code kafka://host:port[,host:port]/topic}, read committed; {@code
   * ?isolation=read_uncommitted} reads everything.
   */
  public static KafkaCommittedOutput at(URI location) {
    String authority = location.getRawAuthority();
    String path = location.getPath() == null ? "" : location.getPath().replaceFirst("^/", "");
    if (!isTopic(location) || authority == null || path.isEmpty() || path.contains("/")) {
      throw new IllegalArgumentException(
          "not a Kafka topic location '"
              + location
              + "': expected kafka://host:port[,host:port]/topic[?isolation=read_uncommitted]");
    }
    String query = location.getQuery() == null ? "" : location.getQuery();
    Isolation isolation =
        switch (query) {
          case "", "isolation=read_committed" -> Isolation.READ_COMMITTED;
          case "isolation=read_uncommitted" -> Isolation.READ_UNCOMMITTED;
          default ->
              throw new IllegalArgumentException(
                  "unknown query '"
                      + query
                      + "' in "
                      + location
                      + ": only isolation=read_committed or isolation=read_uncommitted");
        };
    return new KafkaCommittedOutput(authority, path, isolation);
  }

  /** The location string of a topic, as {@link #at} reads it. */
  public static URI location(String bootstrapServers, String topic) {
    return URI.create("kafka://" + bootstrapServers + "/" + topic);
  }

  public KafkaCommittedOutput withIsolation(Isolation other) {
    return new KafkaCommittedOutput(bootstrapServers, topic, other);
  }

  @Override
  public String location() {
    return location(bootstrapServers, topic)
        + (isolation == Isolation.READ_COMMITTED ? "" : "?isolation=" + isolation.config());
  }

  /** Empty if the topic does not exist (yet). */
  @Override
  public List<CommittedFile> committedFiles() throws IOException {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        return List.of();
      }
      List<TopicPartition> partitions =
          infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
      List<CommittedFile> files = new ArrayList<>();
      for (TopicPartition partition : partitions) {
        files.add(new CommittedFile(partition.toString(), ends.get(partition)));
      }
      files.sort(Comparator.comparing(CommittedFile::path));
      return files;
    } catch (KafkaException e) {
      throw new IOException(
          "cannot list the partitions of " + location() + ": " + CheckResult.describe(e), e);
    }
  }

  @Override
  public InputStream open(CommittedFile file) throws IOException {
    String name = file.path();
    int dash = name.lastIndexOf('-');
    if (dash < 0 || !name.substring(0, dash).equals(topic)) {
      throw new IOException(name + " is not a partition of " + topic);
    }
    TopicPartition partition =
        new TopicPartition(topic, Integer.parseInt(name.substring(dash + 1)));
    return new PartitionLines(consumer(), partition, file.size());
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.config());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "flink-chaos-checker");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** One partition's record values, each followed by a newline, up to an end offset. */
  private static final class PartitionLines extends InputStream {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final long end;
    private final java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
    private byte[] buffer = new byte[0];
    private int position;
    private boolean done;

    PartitionLines(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long end) {
      this.consumer = consumer;
      this.partition = partition;
      this.end = end;
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      while (position >= buffer.length) {
        if (done || !fill()) {
          return -1;
        }
      }
      int n = Math.min(length, buffer.length - position);
      System.arraycopy(buffer, position, target, offset, n);
      position += n;
      return n;
    }

    /** The next batch below {@code end}; false when the partition is read up to it. */
    private boolean fill() throws IOException {
      Instant lastProgress = Instant.now();
      try {
        while (true) {
          long at = consumer.position(partition);
          if (at >= end) {
            done = true;
            return false;
          }
          batch.reset();
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(partition)) {
            if (record.offset() >= end) {
              break;
            }
            batch.write(record.value() == null ? new byte[0] : record.value());
            batch.write('\n');
          }
          if (batch.size() > 0) {
            buffer = batch.toByteArray();
            position = 0;
            return true;
          }
          if (consumer.position(partition) > at) {
            lastProgress = Instant.now(); // control records or aborted data skipped
          } else if (Duration.between(lastProgress, Instant.now()).compareTo(STALL_LIMIT) > 0) {
            throw new IOException(
                "reading "
                    + partition
                    + " stalled at offset "
                    + at
                    + " of "
                    + end
                    + " for "
                    + STALL_LIMIT.toSeconds()
                    + " s (broker down?)");
          }
        }
      } catch (KafkaException e) {
        throw new IOException("cannot read " + partition + ": " + CheckResult.describe(e), e);
      }
    }

    @Override
    public void close() {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
