package io.flinkchaos.harness.fault;

import java.time.Instant;
import org.apache.flink.api.common.JobID;

/**
 * A fault as injected: when, into which job, and where it landed.
 *
 * @param landing what Flink reported just before the fault (maybe unknown)
 * @param lastKnown {@code landing} if known, else the latest known landing earlier in the scenario
 *     (null if none): the basis of "the last checkpoint completed before the fault"
 */
public record InjectedFault(
    Fault fault, Instant at, JobID jobId, FaultLanding landing, FaultLanding lastKnown) {

  /** The latest checkpoint or savepoint completed before the fault, or -1. */
  public long lastCompletedBefore() {
    return lastKnown == null ? -1 : lastKnown.lastCompletedId();
  }

  /** Where {@link #lastCompletedBefore()} comes from, for messages. */
  public String lastCompletedSource() {
    if (landing.known()) {
      return "observed at the fault: " + landing;
    }
    return "not observable at the fault ("
        + landing
        + "); using the last known observation "
        + (lastKnown == null ? "(none)" : "at " + lastKnown.observedAt() + ": " + lastKnown);
  }
}
