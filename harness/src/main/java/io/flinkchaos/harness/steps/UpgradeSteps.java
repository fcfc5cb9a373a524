package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.flinkchaos.harness.fault.Fault;
import io.flinkchaos.harness.fault.FaultLanding;
import io.flinkchaos.harness.fault.OperatorPodKill;
import io.flinkchaos.harness.fault.TaskManagerKill;
import io.flinkchaos.harness.flink.CheckpointActivity;
import io.flinkchaos.harness.flink.CheckpointIntervals;
import io.flinkchaos.harness.flink.FlinkRestException;
import io.flinkchaos.harness.flink.InProgressSnapshot;
import io.flinkchaos.harness.flink.JobProgress;
import io.flinkchaos.harness.flink.SnapshotPaths;
import io.flinkchaos.harness.flink.SnapshotRef;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.JobVariant;
import io.flinkchaos.harness.job.SequenceJobs;
import io.flinkchaos.harness.upgrade.RestoreRefusedException;
import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import io.flinkchaos.harness.wait.Bounds;
import io.flinkchaos.harness.wait.UnexpectedStateException;
import io.flinkchaos.harness.wait.WaitTimeoutException;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;

/**
 * Steps that change a running job the way an operator upgrade does: new versions, parallelism,
 * configuration, suspend and resume; and the checks of what the upgrade restored.
 */
public final class UpgradeSteps {

  /** The mode used when a scenario does not name one: the production default for stateful jobs. */
  static final UpgradeMode DEFAULT_MODE = UpgradeMode.LAST_STATE;

  private final ScenarioContext context;

  /** The latest checkpoint Flink reported completed just before the last upgrade started. */
  private long lastCompletedBeforeUpgrade;

  /** Restarts that all fail the same way: the job does not recover (its restarts are unbounded). */
  static final int RESTORE_FAILURES_FOR_NEVER = 3;

  /** Flink's refusal of the last restore's submission, if it refused it. */
  private FlinkRestException refusedRestore;

  public UpgradeSteps(ScenarioContext context) {
    this.context = context;
  }

  @When("the job is upgraded to {job} with upgrade mode {upgradeMode}")
  public void upgradedTo(JobVariant variant, UpgradeMode mode) {
    upgrade(SequenceJobs.as(variant, context.job().spec()), mode, () -> {});
  }

  /**
   * In savepoint mode the kill lands while Flink reports the upgrade's savepoint IN_PROGRESS (the
   * step fails if Flink never showed it); in the other modes while the old job is being stopped.
   */
  @When(
      "TaskManager {int} is killed while the job is upgraded to {job} with upgrade mode"
          + " {upgradeMode}")
  public void killedWhileUpgrading(int index, JobVariant variant, UpgradeMode mode) {
    int target = context.taskManagerRunningTheJob(index);
    JobID oldJob = context.job().jobId();
    // Tasks do not move while the savepoint is taken: read them now, not in the short window.
    SortedSet<Integer> hosts = context.cluster().taskManagersRunning(oldJob);
    AtomicReference<String> missed = new AtomicReference<>();
    Runnable kill =
        mode == UpgradeMode.SAVEPOINT
            ? () ->
                missed.set(
                    injectWhileSavepointInProgress(oldJob, new TaskManagerKill(target), hosts))
            : () -> context.inject(new TaskManagerKill(target));
    upgrade(SequenceJobs.as(variant, context.job().spec()), mode, kill);
    if (missed.get() != null) {
      throw new AssertionError(
          "TaskManager "
              + target
              + " was not killed while the upgrade savepoint was being taken: "
              + missed.get());
    }
  }

  private record Sighting(Instant at, JobStatus status, CheckpointActivity activity) {

    Optional<InProgressSnapshot> savepoint() {
      return activity.inProgress().stream().filter(s -> s.kind().isSavepoint()).findFirst();
    }

    @Override
    public String toString() {
      return "job " + status + ", in progress: " + activity.inProgress();
    }
  }

  /**
   * Polls job state and checkpoint statistics every 20 ms and kills as soon as they show the
   * savepoint IN_PROGRESS, then injects {@code fault}; that poll is the landing record (a full
   * observation takes longer than many savepoints). Returns null once the fault landed, else what
   * was seen instead.
   */
  private String injectWhileSavepointInProgress(JobID job, Fault fault, SortedSet<Integer> hosts) {
    Sighting sighting;
    try {
      sighting =
          Waits.until(
              "Flink to report the upgrade savepoint of job " + job + " IN_PROGRESS",
              Bounds.SAVEPOINT_SIGHTING,
              Bounds.FAST_POLL,
              () -> {
                JobStatus status = context.cluster().rest().job(job).status();
                CheckpointActivity activity = context.cluster().rest().checkpointActivity(job);
                return new Sighting(Instant.now(), status, activity);
              },
              s -> s.savepoint().isPresent());
    } catch (WaitTimeoutException e) {
      return e.getMessage();
    }
    FaultLanding landing =
        new FaultLanding(
            sighting.at(),
            null,
            sighting.status(),
            sighting.activity().inProgress(),
            sighting.activity().checkpoints().latestCompletedId(),
            hosts);
    context.injectObserved(fault, landing);
    context.log(
        fault.description()
            + ": landed while "
            + sighting.savepoint().orElseThrow()
            + " was IN_PROGRESS (Flink's checkpoint statistics read just before it)");
    return null;
  }

  /**
   * Kubernetes only: the operator dies while it carries out the upgrade; in savepoint mode while
   * Flink reports the upgrade's savepoint IN_PROGRESS (the step fails if Flink never showed it).
   */
  @When(
      "the operator pod is killed while the job is upgraded to {job} with upgrade mode"
          + " {upgradeMode}")
  public void operatorKilledWhileUpgrading(JobVariant variant, UpgradeMode mode) {
    JobID oldJob = context.job().jobId();
    SortedSet<Integer> hosts = context.cluster().taskManagersRunning(oldJob);
    AtomicReference<String> missed = new AtomicReference<>();
    Runnable kill =
        mode == UpgradeMode.SAVEPOINT
            ? () -> missed.set(injectWhileSavepointInProgress(oldJob, new OperatorPodKill(), hosts))
            : () -> context.inject(new OperatorPodKill());
    upgrade(SequenceJobs.as(variant, context.job().spec()), mode, kill);
    if (missed.get() != null) {
      throw new AssertionError(
          "the operator pod was not killed while the upgrade savepoint was being taken: "
              + missed.get());
    }
  }

  /** The mode the last upgrade really used, which may differ from the one asked for. */
  @Then("the upgrade used upgrade mode {upgradeMode}")
  public void theUpgradeUsed(UpgradeMode mode) {
    UpgradeOutcome upgrade = context.lastUpgrade();
    assertThat(upgrade.applied()).as(upgrade.toString()).isEqualTo(mode);
    context.log("asked " + upgrade.requested() + ", used " + upgrade.applied());
  }

  /**
   * A last-state rescale whose restore is itself under test (a known Flink bug may break it): the
   * step does not wait for the new job to run; the Then steps say what it must do.
   */
  @When("the job is restored with parallelism {int} from its latest checkpoint")
  public void restoredWithParallelism(int parallelism) {
    JobSpec next = context.job().spec().withParallelism(parallelism);
    lastCompletedBeforeUpgrade =
        context.cluster().rest().checkpoints(context.job().jobId()).latestCompletedId();
    refusedRestore = null;
    try {
      UpgradeOutcome outcome =
          context.cluster().jobs().upgrade(context.job(), next, UpgradeMode.LAST_STATE, () -> {});
      context.upgraded(outcome);
      context.log("restore submitted: " + outcome);
    } catch (FlinkRestException e) {
      // The submission itself may run into the bug: Flink answers the jar run with it.
      refusedRestore = e;
      context.log("Flink refused the restore: " + e.getMessage());
    }
  }

  /**
   * The restored job fails with {@code error} (Flink's exception history or its final failure) and
   * never completes a checkpoint: the anomaly of a bug that keeps a job from recovering.
   */
  @Then("the restored job fails with {string} and completes no checkpoint")
  public void theRestoredJobFailsWith(String error) {
    Optional<String> refusedAtSubmission =
        refusedRestore != null
            ? Optional.of(refusedRestore.getMessage())
            : context.refusalOfTheLastAttempt().map(refused -> refused.refusal().getMessage());
    if (refusedAtSubmission.isPresent()) {
      assertThat(refusedAtSubmission.get())
          .as("Flink's answer to the restore's submission")
          .containsIgnoringCase(error);
      assertThat(context.cluster().rest().jobs())
          .as("jobs on the cluster after the refused restore")
          .noneMatch(job -> job.getStatus() == JobStatus.RUNNING);
      context.log("the restore was refused at submission with '" + error + "'; no job runs");
      return;
    }
    UpgradeOutcome upgrade = context.lastUpgrade();
    JobID job = upgrade.job().jobId();
    java.util.List<io.flinkchaos.harness.flink.JobFailure> failures =
        Waits.until(
            "job "
                + job
                + " to fail with '"
                + error
                + "' "
                + RESTORE_FAILURES_FOR_NEVER
                + " times, or for good",
            Bounds.DEPLOY,
            () -> context.cluster().rest().failures(job).since(upgrade.startedAt()),
            found -> {
              long mentioning = found.stream().filter(f -> f.mentions(error)).count();
              return mentioning >= RESTORE_FAILURES_FOR_NEVER
                  || (mentioning > 0 && context.cluster().rest().job(job).isTerminal());
            });
    JobProgress progress = context.jobWaits().progress(job);
    assertThat(progress.checkpoints().completed())
        .as("checkpoints completed by the restored job %s (%s)", job, progress)
        .isZero();
    context.log(
        "job "
            + job
            + " is "
            + progress.job().status()
            + " after "
            + failures.size()
            + " failure(s) mentioning '"
            + error
            + "', no checkpoint completed");
  }

  /**
   * Rolls back after a refused upgrade: the job that ran before, from the upgrade's snapshot, on a
   * cluster like the one it ran on (for a refused move to another Flink version, a new cluster of
   * the previous version, as reverting a FlinkDeployment's image and flinkVersion does). The
   * refused attempt and this resume are recorded as one upgrade from that snapshot.
   */
  @When("the previous version is resumed from the refused upgrade's snapshot")
  public void previousVersionResumed() {
    RefusedUpgrade refused =
        context
            .refusalOfTheLastAttempt()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no refused upgrade to roll back from: add 'When an upgrade to Flink"
                            + " 1.20.3 with upgrade mode savepoint is tried' (or to the SQL in"
                            + " \"…\") first, and expect its refusal"));
    if (!refused.previousCluster().equals(context.cluster().spec())) {
      context.moveToCluster(context.platform().cluster(refused.previousCluster()));
    }
    UpgradeOutcome stopped = refused.refusal().stopped();
    DeployedJob resumed =
        context.cluster().deploy(refused.previousJob(), refused.refusal().snapshotPath());
    context.upgraded(
        new UpgradeOutcome(
            stopped.requested(),
            stopped.applied(),
            resumed,
            stopped.snapshotKind(),
            stopped.snapshotPath(),
            stopped.failedAttempts(),
            stopped.startedAt(),
            Instant.now()));
    context.jobWaits().fullyRunning(resumed.jobId(), Bounds.DEPLOY);
    context.log("resumed " + resumed + " on " + context.cluster().spec());
  }

  @When("the job is rescaled to {int}")
  public void rescaledTo(int parallelism) {
    rescaledTo(parallelism, DEFAULT_MODE);
  }

  @When("the job is rescaled to {int} with upgrade mode {upgradeMode}")
  public void rescaledTo(int parallelism, UpgradeMode mode) {
    upgrade(context.job().spec().withParallelism(parallelism), mode, () -> {});
  }

  @When("the checkpoint interval is changed to {duration} with upgrade mode {upgradeMode}")
  public void checkpointIntervalChanged(Duration interval, UpgradeMode mode) {
    upgrade(context.job().spec().withCheckpointInterval(interval), mode, () -> {});
  }

  @When("the job is suspended with upgrade mode {upgradeMode}")
  public void suspended(UpgradeMode mode) {
    UpgradeOutcome suspension = context.cluster().jobs().suspend(context.job(), mode);
    context.suspended(suspension);
    context.log("suspended: " + suspension);
  }

  @When("the job is resumed")
  public void resumed() {
    UpgradeOutcome suspension = context.lastSuspension();
    DeployedJob resumed = context.cluster().jobs().resume(suspension, context.job().spec());
    context.useJob(resumed);
    context.jobWaits().fullyRunning(resumed.jobId(), Bounds.DEPLOY);
    context.log("resumed as " + resumed);
  }

  /**
   * Replaces the scenario's job with {@code next}. A new job Flink refuses to start from the
   * upgrade's snapshot is a {@link RestoreRefusedException}: said by the platform's submission, or
   * by the new job's root exception if the platform submitted it without waiting.
   */
  void upgrade(JobSpec next, UpgradeMode mode, Runnable whileSnapshotting) {
    lastCompletedBeforeUpgrade =
        context.cluster().rest().checkpoints(context.job().jobId()).latestCompletedId();
    UpgradeOutcome outcome =
        context.cluster().jobs().upgrade(context.job(), next, mode, whileSnapshotting);
    context.upgraded(outcome);
    try {
      context.jobWaits().fullyRunning(outcome.job().jobId(), Bounds.DEPLOY);
    } catch (UnexpectedStateException e) {
      throw RestoreRefusedException.in(e.getMessage(), next.toString(), outcome)
          .<RuntimeException>map(refused -> refused)
          .orElse(e);
    }
    context.log(
        "upgrade done in "
            + Duration.between(outcome.startedAt(), outcome.finishedAt()).toMillis()
            + " ms: "
            + outcome);
  }

  @Then("the job restored from the {snapshotKind} taken/used by the upgrade")
  public void restoredFromTheUpgradeSnapshot(SnapshotKind kind) {
    UpgradeOutcome upgrade = context.lastUpgrade();
    assertThat(upgrade.snapshotKind()).as(upgrade.toString()).isEqualTo(kind);
    SnapshotRef restored =
        Waits.until(
                "job " + upgrade.job().jobId() + " to report the snapshot it restored",
                Bounds.RESTORED_SNAPSHOT_REPORT,
                () -> context.cluster().rest().checkpoints(upgrade.job().jobId()),
                c -> c.latestRestored() != null)
            .latestRestored();
    if (SnapshotPaths.LATEST_IN_HA.equals(upgrade.snapshotPath())) {
      restoredTheLatestCheckpointInHa(upgrade, restored);
      return;
    }
    if (kind == SnapshotKind.SAVEPOINT) {
      // Flink flags every restore from an explicit path as a savepoint restore, so only this
      // direction says something; the path below identifies a checkpoint.
      assertThat(restored.savepoint()).as("restored %s is a savepoint", restored).isTrue();
    }
    assertThat(SnapshotPaths.same(restored.externalPath(), upgrade.snapshotPath()))
        .as("restored %s is the upgrade's %s", restored, upgrade.snapshotPath())
        .isTrue();
    context.log("restored from " + restored + ", the snapshot of the upgrade");
  }

  /**
   * An application cluster's last-state upgrade restores whatever its HA store held last, and the
   * operator names no path: the restore must be a checkpoint of the same job, at least as recent as
   * the last one Flink reported completed before the upgrade started.
   */
  private void restoredTheLatestCheckpointInHa(UpgradeOutcome upgrade, SnapshotRef restored) {
    assertThat(restored.kind()).as("restored %s", restored).isEqualTo("checkpoint");
    assertThat(restored.externalPath())
        .as("restored %s is a checkpoint of job %s", restored, upgrade.job().jobId())
        .contains(upgrade.job().jobId().toHexString());
    assertThat(restored.id())
        .as(
            "restored %s is at least as recent as checkpoint %d, the last completed before the"
                + " upgrade",
            restored, lastCompletedBeforeUpgrade)
        .isGreaterThanOrEqualTo(lastCompletedBeforeUpgrade);
    context.log(
        "restored from "
            + restored
            + ", the latest checkpoint in the HA store (last completed before the upgrade: "
            + lastCompletedBeforeUpgrade
            + ")");
  }

  @Then("the job started without state")
  public void startedWithoutState() {
    UpgradeOutcome upgrade = context.lastUpgrade();
    assertThat(upgrade.snapshotKind()).as(upgrade.toString()).isEqualTo(SnapshotKind.NONE);
    assertThat(context.cluster().rest().checkpoints(upgrade.job().jobId()).latestRestored())
        .as("snapshot restored by job %s", upgrade.job().jobId())
        .isNull();
  }

  @Then("the savepoint upgrade fell back to last-state")
  public void fellBackToLastState() {
    UpgradeOutcome upgrade = context.lastUpgrade();
    assertThat(upgrade.fellBackToLastState()).as(upgrade.toString()).isTrue();
  }

  @Then("the upgraded job completes a checkpoint within {duration} of the upgrade start")
  public void firstCheckpointWithin(Duration bound) {
    UpgradeOutcome upgrade = context.lastUpgrade();
    JobProgress progress =
        context
            .jobWaits()
            .checkpointsCompleted(upgrade.job().jobId(), 1, Bounds.withSightingSlack(bound));
    long completedAt = progress.checkpoints().latestCompleted().timestamp();
    Duration measured = Duration.ofMillis(completedAt - upgrade.startedAt().toEpochMilli());
    context.measure(
        "upgrade start to first checkpoint of the new job", upgrade.startedAt(), measured);
    assertThat(measured).as("upgrade %s", upgrade).isLessThanOrEqualTo(bound);
  }

  @Then("the job checkpoints every {duration}")
  public void checkpointsEvery(Duration interval) {
    DeployedJob job = context.job();
    JobProgress now = context.jobWaits().progress(job.jobId());
    context
        .jobWaits()
        .checkpointsCompleted(
            job.jobId(), now.checkpoints().completed() + 4, Bounds.checkpoints(4));
    CheckpointIntervals intervals =
        CheckpointIntervals.between(
            context.cluster().rest().recentCheckpointTriggerTimes(job.jobId()));
    assertThat(intervals.gapsMillis())
        .as("intervals between recent checkpoints")
        .hasSizeGreaterThanOrEqualTo(3);
    long median = intervals.medianMillis();
    context.log(
        "median interval of the last " + intervals.count() + " checkpoints: " + median + " ms");
    assertThat(median)
        .as(
            "median checkpoint interval (ms) of %s, configured %s",
            intervals.gapsMillis(), interval)
        .isBetween(
            CheckpointIntervals.shortestAcceptedMillis(interval),
            CheckpointIntervals.longestAcceptedMillis(interval));
  }
}
