package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.KafkaCommittedOutput;
import io.flinkchaos.harness.check.SequenceChecker;
import io.flinkchaos.harness.check.Verdict;
import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.kafka.KafkaTopics;
import io.flinkchaos.harness.kafka.SequenceFeeder;
import io.flinkchaos.harness.wait.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's Kafka broker (a real KRaft broker from Maven jars, its own process): it starts,
 * keeps committed and aborted transactions apart as exactly-once sinks rely on, and is gone after
 * close.
 */
class KafkaBrokerIT {

  static final String TOPIC = "committed-or-not";

  @TempDir Path dir;
  private KafkaBroker broker;

  @BeforeEach
  void startBroker() {
    HarnessSettings settings = HarnessSettings.fromSystemProperties();
    FlinkDistribution distribution =
        FlinkDistribution.from(settings.flinkClasspathFile(), settings.launcherJar(), null);
    List<Integer> ports = LocalClusterConfiguration.freePorts(2);
    broker =
        KafkaBroker.start(
            dir,
            distribution.launcherClasspath(settings.kafkaClasspathFile()),
            distribution.javaBinary(),
            ports.get(0),
            ports.get(1),
            line -> {});
  }

  @AfterEach
  void stopBroker() {
    long pid = broker.pid();
    broker.close();
    assertThat(ProcessHandle.of(pid)).as("the broker after close").isEmpty();
  }

  @Test
  void readCommittedSeesOnlyCommittedTransactionsAndReadUncommittedSeesBoth() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    }
    try (KafkaProducer<String, String> producer = transactionalProducer()) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 100; i++) {
        producer.send(new ProducerRecord<>(TOPIC, "0", "0," + i));
      }
      producer.commitTransaction();
      producer.beginTransaction();
      for (int i = 100; i < 150; i++) {
        producer.send(new ProducerRecord<>(TOPIC, "0", "0," + i));
      }
      producer.flush();
      producer.abortTransaction();
    }

    assertThat(read("read_committed")).hasSize(100);
    assertThat(read("read_uncommitted")).hasSize(150);
  }

  /**
   * The output checker reads a topic as a downstream consumer: read_committed it sees the committed
   * prefix only (VALID), read_uncommitted it sees the aborted rewrite too (INVALID, duplicated).
   */
  @Test
  void theOutputCheckerReadsATopicCommittedOnlyUnlessToldOtherwise() throws Exception {
    KafkaTopics.create(broker.bootstrapServers(), 2, List.of(TOPIC));
    try (KafkaProducer<String, String> producer = transactionalProducer()) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int key = 0; key < 4; key++) {
        for (int seq = 0; seq < 100; seq++) {
          producer.send(new ProducerRecord<>(TOPIC, "" + key, key + "," + seq + "," + (seq + 1)));
        }
      }
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(TOPIC, "1", "1,50,51"));
      producer.flush();
      producer.abortTransaction();
    }
    KafkaCommittedOutput output =
        KafkaCommittedOutput.at(KafkaCommittedOutput.location(broker.bootstrapServers(), TOPIC));

    CheckResult committed = SequenceChecker.forKeys(4).check(output);
    CheckResult uncommitted =
        SequenceChecker.forKeys(4)
            .check(output.withIsolation(KafkaCommittedOutput.Isolation.READ_UNCOMMITTED));

    assertThat(committed.verdict()).as(committed.summary()).isEqualTo(Verdict.VALID);
    assertThat(committed.records()).isEqualTo(400);
    assertThat(committed.files()).as("one per partition").isEqualTo(2);
    assertThat(uncommitted.verdict()).as(uncommitted.summary()).isEqualTo(Verdict.INVALID);
    assertThat(uncommitted.summary()).contains("duplicated key 1 seq 50");
  }

  /**
   * The pipeline's input must be gap-free and duplicate-free per key, or the job would be blamed
   * for the feeder's faults: through a broker SIGKILL and restart the feeder starts over from what
   * the topic holds.
   */
  @Test
  void theFeederKeepsEveryKeyGapFreeThroughABrokerKill() {
    String topic = "fed";
    KafkaTopics.create(broker.bootstrapServers(), 4, List.of(topic));
    try (SequenceFeeder feeder = SequenceFeeder.start(broker.bootstrapServers(), topic, 16, 2000)) {
      Waits.until(
          "the feeder to commit 1000 records",
          Duration.ofSeconds(30),
          feeder::committedRecords,
          n -> n >= 1000);
      broker.killAndRestart();
      long afterRestart = feeder.committedRecords();
      Waits.until(
          "the feeder to commit 1000 more records after the restart",
          Duration.ofSeconds(60),
          feeder::committedRecords,
          n -> n >= afterRestart + 1000);
      assertThat(feeder.failureSummary())
          .as("the kill must have failed batches, or this test proves nothing")
          .doesNotStartWith("no failed batch");
    }
    CheckResult result =
        SequenceChecker.forKeys(16)
            .check(
                KafkaCommittedOutput.at(
                    KafkaCommittedOutput.location(broker.bootstrapServers(), topic)));

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
    assertThat(result.records()).isGreaterThanOrEqualTo(2000);
  }

  private KafkaProducer<String, String> transactionalProducer() {
    Properties config = new Properties();
    config.put("bootstrap.servers", broker.bootstrapServers());
    config.put("transactional.id", "it-" + UUID.randomUUID());
    config.put("key.serializer", StringSerializer.class.getName());
    config.put("value.serializer", StringSerializer.class.getName());
    return new KafkaProducer<>(config);
  }

  private List<String> read(String isolation) {
    Properties config = new Properties();
    config.put("bootstrap.servers", broker.bootstrapServers());
    config.put("isolation.level", isolation);
    config.put("key.deserializer", StringDeserializer.class.getName());
    config.put("value.deserializer", StringDeserializer.class.getName());
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.position(partition) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
