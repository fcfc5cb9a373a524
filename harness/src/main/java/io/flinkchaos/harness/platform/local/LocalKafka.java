package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.kafka.BrokerFaults;
import io.flinkchaos.harness.kafka.KafkaService;
import io.flinkchaos.harness.platform.Capability;
import java.time.Duration;

/** The local platform's own Kafka: one KRaft broker the harness started and may kill. */
final class LocalKafka implements KafkaService, BrokerFaults, AutoCloseable {

  private final KafkaBroker broker;

  LocalKafka(KafkaBroker broker) {
    this.broker = broker;
  }

  @Override
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  public Capability<BrokerFaults> faults() {
    return Capability.of(this);
  }

  @Override
  public void killAndRestart() {
    broker.killAndRestart();
  }

  @Override
  public void killFor(Duration downFor) {
    broker.killFor(downFor);
  }

  @Override
  public void close() {
    broker.close();
  }

  @Override
  public String toString() {
    return "local Kafka broker at " + bootstrapServers() + " (pid " + broker.pid() + ")";
  }
}
