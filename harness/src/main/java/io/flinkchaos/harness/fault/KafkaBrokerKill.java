package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.kafka.BrokerFaults;
import io.flinkchaos.harness.platform.FlinkCluster;
import java.time.Duration;

/**
 * SIGKILLs the Kafka broker the pipeline reads and writes, and starts it again on its data, at once
 * or after {@code downFor}. Flink decides whether the job fails over: its consumer and producers
 * retry for a while, a transaction the broker lost fails the sink.
 */
public record KafkaBrokerKill(BrokerFaults broker, Duration downFor) implements Fault {

  public KafkaBrokerKill {
    if (downFor.isNegative()) {
      throw new IllegalArgumentException("the broker cannot be down for " + downFor);
    }
  }

  @Override
  public String description() {
    return "SIGKILL the Kafka broker, "
        + (downFor.isZero()
            ? "restarted at once on its data"
            : "restarted on its data after " + downFor.toMillis() + " ms down");
  }

  @Override
  public void inject(FlinkCluster cluster) {
    if (downFor.isZero()) {
      broker.killAndRestart();
    } else {
      broker.killFor(downFor);
    }
  }

  @Override
  public java.util.Optional<Duration> heldFor() {
    return downFor.isZero() ? java.util.Optional.empty() : java.util.Optional.of(downFor);
  }

  @Override
  public boolean alwaysRestartsTheJob() {
    return false;
  }
}
