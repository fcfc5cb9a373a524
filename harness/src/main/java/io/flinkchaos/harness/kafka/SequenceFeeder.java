package io.flinkchaos.harness.kafka;

import io.flinkchaos.harness.check.CommittedFile;
import io.flinkchaos.harness.check.KafkaCommittedOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
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
    } catch (KafkaException | IllegalStateException | IOException e) {
      failures.incrementAndGet();
      lastFailure.set(e.getClass().getSimpleName() + ": " + e.getMessage());
      LOG.debug("feeding {} failed, starting over with a new producer", topic, e);
      closeProducer();
    }
  }

  /**
   * Each key continues after the highest seq the topic holds for it, read as the output checker
   * reads a topic (committed records only).
   */
  private void resumeFromTopic() throws IOException {
    Arrays.fill(next, 0);
    KafkaCommittedOutput input =
        new KafkaCommittedOutput(
            bootstrapServers, topic, KafkaCommittedOutput.Isolation.READ_COMMITTED);
    for (CommittedFile partition : input.committedFiles()) {
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(input.open(partition), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          int comma = line.indexOf(',');
          int key = Integer.parseInt(line.substring(0, comma));
          next[key] = Math.max(next[key], Long.parseLong(line.substring(comma + 1)) + 1);
        }
      }
    }
    committed.set(Arrays.stream(next).sum());
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
