package io.flinkchaos.harness.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class KafkaCommittedOutputTest {

  @Test
  void aTopicLocationReadsCommittedByDefault() {
    KafkaCommittedOutput output =
        KafkaCommittedOutput.at(URI.create("kafka://b1:9092,b2:9092/orders-out"));
    assertThat(output.location()).isEqualTo("kafka://b1:9092,b2:9092/orders-out");
  }

  @Test
  void readUncommittedIsNamedInTheLocation() {
    KafkaCommittedOutput output =
        KafkaCommittedOutput.at(URI.create("kafka://b1:9092/out?isolation=read_uncommitted"));
    assertThat(output.location()).isEqualTo("kafka://b1:9092/out?isolation=read_uncommitted");
    assertThat(output.withIsolation(KafkaCommittedOutput.Isolation.READ_COMMITTED).location())
        .isEqualTo("kafka://b1:9092/out");
  }

  @Test
  void aLocationWithoutTopicOrWithAnUnknownQueryIsAnActionableError() {
    assertThatThrownBy(() -> KafkaCommittedOutput.at(URI.create("kafka://b1:9092/")))
        .hasMessageContaining("expected kafka://host:port[,host:port]/topic");
    assertThatThrownBy(() -> KafkaCommittedOutput.at(URI.create("kafka://b1:9092/a/b")))
        .hasMessageContaining("expected kafka://");
    assertThatThrownBy(() -> KafkaCommittedOutput.at(URI.create("kafka://b1:9092/t?iso=x")))
        .hasMessageContaining("only isolation=read_committed or isolation=read_uncommitted");
  }

  @Test
  void onlyPartitionsOfItsTopicCanBeOpened() {
    KafkaCommittedOutput output = KafkaCommittedOutput.at(URI.create("kafka://127.0.0.1:1/t"));
    assertThatThrownBy(() -> output.open(new CommittedFile("other-0", 10)))
        .hasMessageContaining("is not a partition of t");
  }
}
