package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.flink.JobFailure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What Flink reported about an isolation (a freeze, a partition): its configured heartbeat timeout
 * and the failures it recorded since the isolation began. Whether the job rode it out or failed
 * over is read from these, never from the fault's own claim.
 */
public record IsolationReport(
    TimedIsolation isolation, Duration heartbeatTimeout, List<JobFailure> failuresSince) {

  public IsolationReport {
    failuresSince = List.copyOf(failuresSince);
  }

  /** Shorter than the heartbeat timeout and no failure recorded since; else why not. */
  public Optional<String> notRiddenOut() {
    if (isolation.length().compareTo(heartbeatTimeout) >= 0) {
      return Optional.of(
          lengthOf()
              + " is not shorter than heartbeat.timeout ("
              + heartbeatTimeout.toMillis()
              + " ms)");
    }
    if (!failuresSince.isEmpty()) {
      return Optional.of(
          "Flink recorded "
              + failuresSince.size()
              + " failure(s) since '"
              + isolation.description()
              + "' began (heartbeat.timeout "
              + heartbeatTimeout.toMillis()
              + " ms), the latest: "
              + failuresSince.get(0));
    }
    return Optional.empty();
  }

  /**
   * Longer than the heartbeat timeout, and Flink recorded the heartbeat timeout since ("The
   * heartbeat of TaskManager with id … timed out.": the ResourceManager's and the JobMaster's
   * TaskManagerHeartbeatListener in Flink 1.20); else why not.
   */
  public Optional<String> noFailover() {
    if (isolation.length().compareTo(heartbeatTimeout) <= 0) {
      return Optional.of(
          lengthOf()
              + " does not outlast heartbeat.timeout ("
              + heartbeatTimeout.toMillis()
              + " ms)");
    }
    if (heartbeatTimeoutFailure().isEmpty()) {
      return Optional.of(
          "no heartbeat timeout among the failures Flink recorded since '"
              + isolation.description()
              + "' began: "
              + failuresSince);
    }
    return Optional.empty();
  }

  /** "the freeze of TaskManager 1 (2000 ms)" */
  private String lengthOf() {
    return "the "
        + isolation.kind()
        + " of "
        + isolation.process()
        + " ("
        + isolation.length().toMillis()
        + " ms)";
  }

  public Optional<JobFailure> heartbeatTimeoutFailure() {
    return failuresSince.stream()
        .filter(f -> f.mentions("heartbeat of TaskManager with id") && f.mentions("timed out"))
        .findFirst();
  }

  @Override
  public String toString() {
    return isolation.kind()
        + " of "
        + isolation.length().toMillis()
        + " ms, heartbeat.timeout "
        + heartbeatTimeout.toMillis()
        + " ms, "
        + (failuresSince.isEmpty()
            ? "no failure recorded since it began"
            : heartbeatTimeoutFailure()
                .map(f -> "Flink recorded " + f)
                .orElse(failuresSince.size() + " failure(s) since it began"));
  }
}
