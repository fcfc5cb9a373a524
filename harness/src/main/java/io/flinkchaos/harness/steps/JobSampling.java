package io.flinkchaos.harness.steps;

import io.flinkchaos.harness.flink.CheckpointRecord;
import io.flinkchaos.harness.flink.SourceOutput;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.report.ThroughputSampler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.MetricOptions;

/**
 * The scenario's current job on its current cluster, read through the cluster's REST client, as the
 * background {@link ThroughputSampler} reads it; so it works on every platform. Samples are taken
 * every second, or as often as the JobManager refreshes the vertex metrics it serves ({@code
 * metrics.fetcher.update-interval}, 10 s by default; {@code MetricFetcherImpl#update} fetches no
 * more often), whichever is longer: more often would read the same stale counter twice.
 */
final class JobSampling implements ThroughputSampler.Source {

  static final Duration FASTEST = Duration.ofSeconds(1);

  private final ScenarioContext context;

  private JobSampling(ScenarioContext context) {
    this.context = context;
  }

  static ThroughputSampler start(ScenarioContext context) {
    Duration interval = interval(context);
    return ThroughputSampler.start(
        new JobSampling(context), interval, Clock.systemUTC(), context.timeline().start());
  }

  private static Duration interval(ScenarioContext context) {
    Duration refresh;
    try {
      refresh =
          context
              .cluster()
              .rest()
              .clusterConfiguration()
              .get(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL);
    } catch (RuntimeException e) {
      refresh = MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL.defaultValue();
      context.log(
          "throughput sampled every "
              + refresh.toSeconds()
              + " s: cannot read the JobManager's metrics.fetcher.update-interval: "
              + e.getMessage());
    }
    return refresh.compareTo(FASTEST) > 0 ? refresh : FASTEST;
  }

  @Override
  public Optional<String> job() {
    return context.currentJob().map(DeployedJob::jobId).map(JobID::toHexString);
  }

  @Override
  public SourceOutput sourceOutput(String job) {
    return context.cluster().rest().sourceOutput(JobID.fromHexString(job));
  }

  @Override
  public List<CheckpointRecord> checkpointHistory(String job) {
    return context.cluster().rest().checkpointHistory(JobID.fromHexString(job));
  }
}
