package io.flinkchaos.harness.kafka;

import io.flinkchaos.harness.platform.Capability;

/** The Kafka cluster the Kafka pipeline reads from and writes to. */
public interface KafkaService {

  /** {@code host:port[,host:port]}, reached alike by the harness and by the Flink processes. */
  String bootstrapServers();

  /** Killing the broker and having it back, or why this Kafka cannot be hurt by the harness. */
  Capability<BrokerFaults> faults();
}
