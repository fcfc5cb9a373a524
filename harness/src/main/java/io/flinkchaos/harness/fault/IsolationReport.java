package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.flink.JobFailure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What Flink reported about a freeze: its configured heartbeat timeout and the failures it recorded
 * since the freeze began. Whether the job rode the freeze out or failed over is read from these,
 * never from the freeze's own claim.
 */
public record FreezeReport(
    ProcessFreeze freeze, Duration heartbeatTimeout, List<JobFailure> failuresSince) {

  public FreezeReport {
    failuresSince = List.copyOf(failuresSince);
  }

  /** Shorter than the heartbeat timeout and no failure recorded since; else why not. */
  public Optional<String> notRiddenOut() {
    if (freeze.pause().compareTo(heartbeatTimeout) >= 0) {
      return Optional.of(
          "the freeze of "
              + freeze.process()
              + " ("
              + freeze.pause().toMillis()
              + " ms) is not shorter than heartbeat.timeout ("
              + heartbeatTimeout.toMillis()
              + " ms)");
    }
    if (!failuresSince.isEmpty()) {
      return Optional.of(
          "Flink recorded "
              + failuresSince.size()
              + " failure(s) since '"
              + freeze.description()
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
    if (freeze.pause().compareTo(heartbeatTimeout) <= 0) {
      return Optional.of(
          "the freeze of "
              + freeze.process()
              + " ("
              + freeze.pause().toMillis()
              + " ms) does not outlast heartbeat.timeout ("
              + heartbeatTimeout.toMillis()
              + " ms)");
    }
    if (heartbeatTimeoutFailure().isEmpty()) {
      return Optional.of(
          "no heartbeat timeout among the failures Flink recorded since '"
              + freeze.description()
              + "' began: "
              + failuresSince);
    }
    return Optional.empty();
  }

  public Optional<JobFailure> heartbeatTimeoutFailure() {
    return failuresSince.stream()
        .filter(f -> f.mentions("heartbeat of TaskManager with id") && f.mentions("timed out"))
        .findFirst();
  }

  @Override
  public String toString() {
    return freeze.pause().toMillis()
        + " ms frozen, heartbeat.timeout "
        + heartbeatTimeout.toMillis()
        + " ms, "
        + (failuresSince.isEmpty()
            ? "no failure recorded since the freeze"
            : heartbeatTimeoutFailure()
                .map(f -> "Flink recorded " + f)
                .orElse(failuresSince.size() + " failure(s) since the freeze"));
  }
}
