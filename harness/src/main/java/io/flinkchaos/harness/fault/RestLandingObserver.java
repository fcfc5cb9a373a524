package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.flink.CheckpointActivity;
import io.flinkchaos.harness.flink.LastCheckpoints;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.wait.Bounds;
import java.time.Duration;
import java.time.Instant;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;

/**
 * A {@link LandingObserver} over the cluster's REST API, bounded by {@link
 * Bounds#LANDING_OBSERVATION}: a JobManager that is down or recovering yields an unknown landing
 * instead of an error, so a fault can always be injected. Checkpoint statistics are read last,
 * closest to the fault.
 */
public final class RestLandingObserver implements LandingObserver {

  /**
   * Own threads: a hung read must not occupy the common pool (one thread on a 2-core machine) and
   * so delay the next observation.
   */
  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "fault-landing-observer");
            thread.setDaemon(true);
            return thread;
          });

  private final FlinkCluster cluster;
  private final LastCheckpoints lastCheckpoints;
  private final Duration bound;

  /**
   * @param lastCheckpoints told the latest completed checkpoint seen at the landing: a fault that
   *     makes the JobManager forget the job leaves only that to name where it could resume from
   */
  public RestLandingObserver(FlinkCluster cluster, LastCheckpoints lastCheckpoints) {
    this(cluster, lastCheckpoints, Bounds.LANDING_OBSERVATION);
  }

  RestLandingObserver(FlinkCluster cluster, LastCheckpoints lastCheckpoints, Duration bound) {
    this.cluster = cluster;
    this.lastCheckpoints = lastCheckpoints;
    this.bound = bound;
  }

  @Override
  public FaultLanding observe(JobID jobId) {
    Instant start = Instant.now();
    CompletableFuture<FaultLanding> read =
        CompletableFuture.supplyAsync(
            () -> {
              SortedSet<Integer> hosts = cluster.taskManagersRunning(jobId);
              JobStatus status = cluster.rest().job(jobId).status();
              CheckpointActivity activity = cluster.rest().checkpointActivity(jobId);
              lastCheckpoints.saw(jobId, activity.checkpoints().lastCompleted());
              return new FaultLanding(
                  Instant.now(),
                  null,
                  status,
                  activity.inProgress(),
                  activity.checkpoints().latestCompletedId(),
                  hosts);
            },
            READERS);
    try {
      return read.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      read.cancel(true);
      return FaultLanding.unknown(
          start, "JobManager unreachable (no REST answer within " + bound.toMillis() + " ms)");
    } catch (ExecutionException e) {
      return FaultLanding.unknown(
          start, "JobManager unreachable (" + firstLine(e.getCause()) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FaultLanding.unknown(start, "interrupted while reading the JobManager");
    }
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
