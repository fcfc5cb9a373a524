package io.flinkchaos.harness.kafka;

import java.time.Duration;

/** What can happen to a Kafka broker the harness runs itself. */
public interface BrokerFaults {

  /** SIGKILLs the broker and returns once it has been started again on the same data. */
  void killAndRestart();

  /** SIGKILLs the broker; it stays down for {@code downFor}, then starts again on its data. */
  void killFor(Duration downFor);
}
