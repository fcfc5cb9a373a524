package io.flinkchaos.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExternalKafkaTest {

  @Test
  void theUsersKafkaIsUsedButNeverHurt() {
    ExternalKafka kafka = new ExternalKafka("b-1.msk:9092,b-2.msk:9092");
    assertThat(kafka.bootstrapServers()).isEqualTo("b-1.msk:9092,b-2.msk:9092");
    assertThat(kafka.faults().missingBecause())
        .hasValueSatisfying(why -> assertThat(why).contains("never kills"));
  }

  @Test
  void bootstrapServersWithoutPortsAreRejectedWithAnExample() {
    assertThatThrownBy(() -> new ExternalKafka("broker-1"))
        .hasMessageContaining("-Dharness.kafka.bootstrap='broker-1' is not a list of host:port");
  }
}
