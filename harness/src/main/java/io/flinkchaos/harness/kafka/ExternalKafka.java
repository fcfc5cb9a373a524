package io.flinkchaos.harness.kafka;

import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.platform.Capability;

/** A Kafka cluster the user runs ({@code -Dharness.kafka.bootstrap}): used, never hurt. */
public record ExternalKafka(String bootstrapServers) implements KafkaService {

  public ExternalKafka {
    if (bootstrapServers.isBlank() || !bootstrapServers.matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*")) {
      throw new IllegalArgumentException(
          "-D"
              + HarnessSettings.KAFKA_BOOTSTRAP
              + "='"
              + bootstrapServers
              + "' is not a list of host:port: give e.g. broker-1:9092,broker-2:9092");
    }
  }

  @Override
  public Capability<BrokerFaults> faults() {
    return Capability.missing(
        "needs a broker the harness runs itself; -D"
            + HarnessSettings.KAFKA_BOOTSTRAP
            + "="
            + bootstrapServers
            + " is the user's Kafka, which the harness never kills");
  }
}
