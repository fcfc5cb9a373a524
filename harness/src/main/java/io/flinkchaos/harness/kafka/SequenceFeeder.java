package io.flinkchaos.harness.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes per-key sequences ({@code key,seq}, keyed by {@code key}) into the Kafka pipeline's input
 * topic at a steady rate: every tick one transaction with the next records of all keys in turn. The
 * input must be gap-free and duplicate-free per key for any anomaly in the output to be the job's,
 * so after any failure (a broker down, a commit whose outcome is unknown) the feeder starts a new
 * producer with the same transactional id, which completes or aborts what the old one left, and
 * then reads the topic back (read_committed) to continue each key from what it really holds.
 */
public final class SequenceFeeder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SequenceFeeder.class);
  static final Duration TICK = Duration.ofMillis(100);

  private final String bootstrapServers;
  private final String topic;
  private final int keys;
  private final int recordsPerTick;
  private final long[] next;
  private final ScheduledExecutorService ticker;
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<String> lastFailure = new AtomicReference<>("");
  private KafkaProducer<String, String> producer;
  private int nextKey;

  private SequenceFeeder(String bootstrapServers, String topic, int keys, int recordsPerSecond) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.keys = keys;
    this.recordsPerTick = Math.max(1, (int) (recordsPerSecond * TICK.toMillis() / 1000));
    this.next = new long[keys];
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sequence-feeder-" + topic);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts feeding {@code keys} keys at {@code recordsPerSecond} into {@code topic}. */
  public static SequenceFeeder start(
      String bootstrapServers, String topic, int keys, int recordsPerSecond) {
    SequenceFeeder feeder = new SequenceFeeder(bootstrapServers, topic, keys, recordsPerSecond);
    feeder.ticker.scheduleWithFixedDelay(feeder::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    return feeder;
  }

  private void tick() {
    try {
      if (producer == null) {
        producer = newProducer();
        producer.initTransactions();
        resumeFromTopic();
      }
      producer.beginTransaction();
      long[] batchNext = Arrays.copyOf(next, keys);
      int key = nextKey;
      for (int i = 0; i < recordsPerTick; i++) {
        long seq = batchNext[key]++;
        producer.send(new ProducerRecord<>(topic, Integer.toString(key), key + "," + seq));
        key = (key + 1) % keys;
      }
      producer.commitTransaction();
      System.arraycopy(batchNext, 0, next, 0, keys);
      nextKey = key;
      committed.addAndGet(recordsPerTick);
    } catch (KafkaException | IllegalStateException e) {
      failures.incrementAndGet();
      lastFailure.set(e.getClass().getSimpleName() + ": " + e.getMessage());
      LOG.debug("feeding {} failed, starting over with a new producer", topic, e);
      closeProducer();
    }
  }

  /** Each key continues after the highest seq the topic holds for it (committed records only). */
  private void resumeFromTopic() {
    Arrays.fill(next, 0);
    long highestTotal = 0;
    try (KafkaConsumer<String, String> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      Instant deadline = Instant.now().plusSeconds(30);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new KafkaException("could not read " + topic + " back within 30 s");
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          String[] fields = record.value().split(",");
          int key = Integer.parseInt(fields[0]);
          next[key] = Math.max(next[key], Long.parseLong(fields[1]) + 1);
        }
      }
    }
    for (long n : next) {
      highestTotal += n;
    }
    committed.set(highestTotal);
  }

  private KafkaProducer<String, String> newProducer() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "flink-chaos-feeder-" + topic);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "flink-chaos-feeder");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "8000");
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private KafkaConsumer<String, String> consumer() {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "flink-chaos-feeder-resume");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  private void closeProducer() {
    if (producer != null) {
      try {
        producer.close(Duration.ofSeconds(2));
      } catch (KafkaException e) {
        LOG.debug("closing the feeder's producer failed", e);
      }
      producer = null;
    }
  }

  /** Records committed to the input topic so far. */
  public long committedRecords() {
    return committed.get();
  }

  /** Failed ticks (each retried with a new producer) and the last failure, for evidence. */
  public String failureSummary() {
    long count = failures.get();
    return count == 0 ? "no failed batch" : count + " failed batches, last: " + lastFailure.get();
  }

  public String topic() {
    return topic;
  }

  /** Stops feeding; the topic keeps what was committed. */
  @Override
  public void close() {
    ticker.shutdown();
    try {
      if (!ticker.awaitTermination(15, TimeUnit.SECONDS)) {
        ticker.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ticker.shutdownNow();
    }
    closeProducer();
  }
}
