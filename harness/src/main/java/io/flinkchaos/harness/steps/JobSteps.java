package io.flinkchaos.harness.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.flinkchaos.harness.flink.JobProgress;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.JobVariant;
import io.flinkchaos.harness.job.OutputContract;
import io.flinkchaos.harness.job.SequenceJobs;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.wait.Bounds;
import io.flinkchaos.harness.wait.Waits;
import java.net.URI;
import java.time.Duration;
import org.apache.flink.api.common.JobStatus;

/** Steps that deploy jobs and wait for their progress. */
public final class JobSteps {

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
    deploy(sequenceSpec(variant, parallelism, interval, recordsPerSecond));
  }

  /**
   * How the job treats failed checkpoints: each times out after {@code timeout} (Flink's default is
   * 10 min) and up to {@code tolerated} consecutive failures are tolerated before the job fails
   * over (execution.checkpointing.tolerable-failed-checkpoints).
   */
  @Given(
      "the {job} job runs with parallelism {int}, checkpoints every {duration} timing out after"
          + " {duration}, tolerating {int} failed checkpoint(s)")
  public void theJobRunsTolerating(
      JobVariant variant, int parallelism, Duration interval, Duration timeout, int tolerated) {
    deploy(
        sequenceSpec(variant, parallelism, interval, SequenceJobs.RECORDS_PER_SECOND)
            .withFlinkConfiguration("execution.checkpointing.timeout", timeout.toMillis() + " ms")
            .withFlinkConfiguration(
                "execution.checkpointing.tolerable-failed-checkpoints",
                Integer.toString(tolerated)));
  }

  /**
   * A bounded run (Jepsen's final read): every key emits exactly {@code recordsPerKey} records, the
   * job ends FINISHED, and the final check requires every key's seqs 0..N-1 exactly once.
   */
  @Given(
      "the {job} job runs with parallelism {int}, checkpoints every {duration} and {int} records"
          + " per key")
  public void theBoundedJobRuns(
      JobVariant variant, int parallelism, Duration interval, int recordsPerKey) {
    JobSpec unbounded =
        sequenceSpec(variant, parallelism, interval, SequenceJobs.RECORDS_PER_SECOND);
    OutputContract contract = unbounded.output();
    deploy(
        unbounded
            .withArg("records-per-key", Integer.toString(recordsPerKey))
            .withOutputContract(
                new OutputContract(
                    contract.location(), contract.keys(), recordsPerKey, contract.witness())));
  }

  @Then("the job finishes within {duration}")
  public void theJobFinishesWithin(Duration bound) {
    DeployedJob job = context.job();
    JobProgress finished =
        Waits.until(
            job + " to reach FINISHED",
            bound,
            () -> context.jobWaits().progress(job.jobId()),
            p -> p.job().status() == JobStatus.FINISHED,
            p ->
                p.job().isTerminal() && p.job().status() != JobStatus.FINISHED
                    ? "the job reached " + p.job().status() + " instead of FINISHED"
                    : null);
    context.log(
        "job FINISHED after "
            + finished.checkpoints().completed()
            + " checkpoints, "
            + Duration.between(job.submittedAt(), java.time.Instant.now()).toMillis()
            + " ms after its submission");
  }

  private JobSpec sequenceSpec(
      JobVariant variant, int parallelism, Duration interval, int recordsPerSecond) {
    URI output = context.cluster().storage().newOutputLocation(variant.label());
    return SequenceJobs.spec(
        variant, context.fixturesJar(), output, parallelism, interval, recordsPerSecond);
  }

  private void deploy(JobSpec spec) {
    deploy(context, spec);
  }

  /** Deploys {@code spec} as the scenario's job and waits until all its vertices run. */
  static void deploy(ScenarioContext context, JobSpec spec) {
    FlinkCluster cluster = context.cluster();
    long started = System.nanoTime();
    DeployedJob job = cluster.deploy(spec, null);
    context.useJob(job);
    context.jobWaits().fullyRunning(job.jobId(), Bounds.DEPLOY);
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
            .checkpointsCompleted(context.job().jobId(), count, Bounds.checkpoints(count));
    context.log("checkpoints completed: " + progress.checkpoints().completed());
  }

  /**
   * Unaligned checkpoints persist the data in flight between tasks; a restore that must
   * redistribute it is what some Flink bugs break. Waits for one that did persist some.
   */
  @Given("a checkpoint with in-flight data has completed")
  public void aCheckpointWithInFlightDataCompleted() {
    var job = context.job().jobId();
    var inFlight =
        Waits.until(
                "a completed checkpoint of job " + job + " that persisted in-flight data",
                Bounds.checkpoints(10),
                () -> context.cluster().rest().latestCheckpointInFlightData(job),
                data -> data.isPresent() && data.get().persistedBytes() > 0)
            .orElseThrow();
    context.log(
        "checkpoint "
            + inFlight.checkpointId()
            + " persisted "
            + inFlight.persistedBytes()
            + " bytes of in-flight data (Flink's checkpoint statistics)");
  }
}
