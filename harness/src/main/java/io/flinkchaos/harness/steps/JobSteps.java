package io.flinkchaos.harness.steps;

import io.cucumber.java.en.Given;
import io.flinkchaos.harness.flink.JobProgress;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
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

  @Given("the sequence job runs with parallelism {int} and checkpoints every {duration}")
  public void theSequenceJobRuns(int parallelism, Duration interval) {
    FlinkCluster cluster = context.cluster();
    URI output = cluster.storage().newOutputLocation("sequence-job");
    JobSpec spec =
        SequenceJobs.sequenceJob(context.settings().fixturesJar(), output, parallelism, interval);
    deployAndAwaitRunning(spec);
  }

  private void deployAndAwaitRunning(JobSpec spec) {
    long started = System.nanoTime();
    DeployedJob job = context.cluster().deploy(spec, null, false);
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
