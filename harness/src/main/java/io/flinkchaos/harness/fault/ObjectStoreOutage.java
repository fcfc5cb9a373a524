package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.StorageOutages;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;

/**
 * The cluster's object store out for {@code duration}, then back with all its data: it stops
 * answering (requests hang) or refuses connections. Checkpoints, savepoints and the FileSink's
 * uploads cannot reach it meanwhile; whether the job fails over is Flink's decision
 * (execution.checkpointing.tolerable-failed-checkpoints, checkpoint timeout).
 */
public record ObjectStoreOutage(Kind kind, Duration duration) implements Fault {

  /** How the store is out. */
  public enum Kind {
    STOPS_ANSWERING("stops answering"),
    REFUSES_CONNECTIONS("refuses connections");

    private final String phrase;

    Kind(String phrase) {
      this.phrase = phrase;
    }
  }

  public ObjectStoreOutage {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("an outage of " + duration + ": give a positive duration");
    }
  }

  @Override
  public String description() {
    return "the object store " + kind.phrase + " for " + duration.toMillis() + " ms";
  }

  /** Returns once the store answers again, {@code duration} after the outage began. */
  @Override
  public void inject(FlinkCluster cluster) {
    StorageOutages outages = cluster.storage().outages().require(description());
    Waits.holding(
        "the object store outage to have lasted " + duration.toMillis() + " ms",
        duration,
        kind == Kind.STOPS_ANSWERING ? outages::stopAnswering : outages::refuseConnections,
        outages::restore);
  }

  @Override
  public java.util.Optional<Duration> heldFor() {
    return java.util.Optional.of(duration);
  }

  @Override
  public boolean alwaysRestartsTheJob() {
    return false;
  }

  @Override
  public void heal(FlinkCluster cluster) {
    cluster.storage().outages().get().ifPresent(StorageOutages::restore);
  }
}
