package io.flinkchaos.harness.steps;

import io.cucumber.java.en.Given;
import io.flinkchaos.harness.flink.JobProgress;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.JobVariant;
import io.flinkchaos.harness.job.SequenceJobs;
import io.flinkchaos.harness.platform.FlinkCluster;
import java.net.URI;
import java.time.Duration;

/** Steps that deploy jobs and wait for their progress. */
public final class JobSteps {

  static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);

  private final ScenarioContext context;

  public JobSteps(ScenarioContext context) {
    this.context = context;
  }

  @Given("the {job} job runs with parallelism {int} and checkpoints every {duration}")
  public void theJobRuns(JobVariant variant, int parallelism, Duration interval) {
    theJobRunsAtRate(variant, parallelism, interval, SequenceJobs.RECORDS_PER_SECOND);
  }

  @Given(
      "the {job} job runs with parallelism {int}, checkpoints every {duration} and {int}"
          + " records\\/s")
  public void theJobRunsAtRate(
      JobVariant variant, int parallelism, Duration interval, int recordsPerSecond) {
    FlinkCluster cluster = context.cluster();
    URI output = cluster.storage().newOutputLocation(variant.label());
    JobSpec spec =
        SequenceJobs.spec(
            variant,
            context.settings().fixturesJar(),
            output,
            parallelism,
            interval,
            recordsPerSecond);
    long started = System.nanoTime();
    DeployedJob job = cluster.deploy(spec, null);
    context.useJob(job);
    context.jobWaits().fullyRunning(job.jobId(), DEPLOY_TIMEOUT);
    context.log(
        "deployed "
            + job
            + ", all vertices RUNNING after "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
  }

  @Given("at least {int} checkpoint(s) have/has completed")
  public void atLeastCheckpointsCompleted(int count) {
    JobProgress progress =
        context
            .jobWaits()
            .checkpointsCompleted(context.job().jobId(), count, checkpointBudget(count));
    context.log("checkpoints completed: " + progress.checkpoints().completed());
  }

  /** Time allowed for {@code count} checkpoints: generous for a loaded 2-core machine. */
  static Duration checkpointBudget(int count) {
    return Duration.ofSeconds(30).plusSeconds(5L * count);
  }
}
