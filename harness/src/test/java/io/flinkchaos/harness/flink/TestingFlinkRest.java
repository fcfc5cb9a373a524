package io.flinkchaos.harness.flink;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.messages.webmonitor.JobDetails;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;

/**
 * A FAKE of Flink's REST API for unit tests, not Flink: an in-memory session cluster whose jobs
 * have a status, checkpoint statistics, an exception history and subtasks on TaskManagers, plus
 * failure switches in the manner of the Flink Kubernetes Operator's {@code TestingFlinkService}.
 * Answers are shaped as {@link FlinkRestClient} turns Flink 1.20.3's answers into values and
 * exceptions; the failure texts are those read in flink-runtime 1.20.3 (named where used). State
 * changes (checkpoints, failovers, kills) happen only when a test or a switch makes them.
 */
public final class TestingFlinkRest implements FlinkRest {

  public static final String ENDPOINT = "http://testing-flink:8081";
  public static final List<String> VERTICES =
      List.of("Source: sequence -> Map", "per-key count -> slow snapshots -> Sink: committer");

  private final Clock clock;
  private final String checkpointsDirectory;
  final Map<JobID, TestingJob> jobs = new LinkedHashMap<>();
  private final Map<String, Long> snapshotIdOfPath = new HashMap<>();
  private final TestingTaskManagers taskManagers;
  private final RestAvailability availability = new RestAvailability();
  private final List<Submitted> submitted = new ArrayList<>();
  private final TestingSavepoints savepoints = new TestingSavepoints(this);
  private boolean cancelDoesNotStop;
  private boolean cancelTimesOut;
  private boolean checkpointsNotExternallyAddressable;
  private String stateWithoutOperator;

  /** A job submission as the cluster received it, with the jobs still running beside it. */
  public record Submitted(JobID jobId, JobSubmission submission, List<JobID> runningBeside) {}

  public TestingFlinkRest(int taskManagers, Clock clock, String checkpointsDirectory) {
    this.clock = clock;
    this.checkpointsDirectory = checkpointsDirectory;
    this.taskManagers = new TestingTaskManagers(taskManagers);
  }

  // ---- failure switches ----

  /** Every call is refused, as by a JobManager process that is gone. */
  public void restDown() {
    availability.down();
  }

  /** Every call hangs until {@link #restAnswers()} or {@code bound}, then times out. */
  public void restHung(Duration bound) {
    availability.hung(bound);
  }

  public void restAnswers() {
    availability.answers();
  }

  /** The stop-with-savepoint switches. */
  public TestingSavepoints savepoints() {
    return savepoints;
  }

  /** Cancel is accepted but the job stays CANCELLING (tasks that do not react). */
  public synchronized void cancelDoesNotStop() {
    cancelDoesNotStop = true;
  }

  /** Cancel answers 408 "Job cancellation timed out." ({@code JobCancellationHandler}). */
  public synchronized void cancelTimesOut() {
    cancelTimesOut = true;
  }

  /**
   * Checkpoints report the pointer of a non-persistent checkpoint storage, as Flink 1.20 does when
   * no checkpoint directory is set ({@code NonPersistentMetadataCheckpointStorageLocation}).
   */
  public synchronized void checkpointsNotExternallyAddressable() {
    checkpointsNotExternallyAddressable = true;
  }

  /**
   * Every snapshot holds state of operator {@code operatorId}, which the submitted jobs do not
   * have: a restore without allowNonRestoredState fails as Flink 1.20.3 fails it. The scheduler's
   * restore throws {@code Checkpoints.throwNonRestoredStateException}'s IllegalStateException, the
   * job ends FAILED with a {@code JobInitializationException}, which {@code
   * ClientUtils.waitUntilJobInitializationFinished} rethrows to the jar run and {@code
   * JarRunHandler} answers 400 "Could not execute application."
   */
  public synchronized void snapshotsHoldStateOfAnOperatorTheJobsLack(String operatorId) {
    stateWithoutOperator = operatorId;
  }

  // ---- what happens to jobs and TaskManagers ----

  /** Completes one checkpoint of a running job; returns its id. */
  public synchronized long completeCheckpoint(JobID jobId) {
    TestingJob job = known(jobId);
    InProgressSnapshot checkpoint = startCheckpoint(jobId);
    String path =
        checkpointsNotExternallyAddressable
            ? "<checkpoint-not-externally-addressable>"
            : checkpointsDirectory + "/" + jobId + "/chk-" + checkpoint.id();
    snapshotIdOfPath.put(path, checkpoint.id());
    return job.complete(checkpoint, path, now()).id();
  }

  /** A checkpoint is triggered and fails (declined, timed out) without failing the job. */
  public synchronized void failCheckpoint(JobID jobId) {
    TestingJob job = known(jobId);
    job.startSnapshot(InProgressSnapshot.Kind.CHECKPOINT, now());
    job.abortInProgress();
  }

  /** Completes a checkpoint started with {@link #startCheckpoint}; returns its id. */
  public synchronized long completeCheckpoint(JobID jobId, InProgressSnapshot checkpoint) {
    String path = checkpointsDirectory + "/" + jobId + "/chk-" + checkpoint.id();
    snapshotIdOfPath.put(path, checkpoint.id());
    return known(jobId).complete(checkpoint, path, now()).id();
  }

  /** Triggers a checkpoint that stays IN_PROGRESS until the job fails over or stops. */
  public synchronized InProgressSnapshot startCheckpoint(JobID jobId) {
    return known(jobId).startSnapshot(InProgressSnapshot.Kind.CHECKPOINT, now());
  }

  /**
   * The JobManager restarted without HA metadata: it knows no job any more (Flink's non-HA job
   * store keeps nothing), and answers 404 for each.
   */
  public synchronized void jobManagerRestartedWithoutHa() {
    jobs.clear();
  }

  /** A task fails; the job restarts and runs again, restored from its latest checkpoint. */
  public synchronized void failOver(JobID jobId, String stackTrace) {
    known(jobId).restart(stackTrace, now(), true);
  }

  /** A task fails and the job stays RESTARTING (e.g. no slots) until {@link #recover}. */
  public synchronized void jobNotRunning(JobID jobId) {
    known(jobId)
        .restart(
            "org.apache.flink.runtime.JobException: Recovery is delayed by restart strategy",
            now(),
            false);
  }

  public synchronized void recover(JobID jobId) {
    known(jobId).recover(now());
  }

  /** The job fails for good (restart strategy exhausted): FAILED, with its root exception. */
  public synchronized void jobFails(JobID jobId, String stackTrace) {
    TestingJob job = known(jobId);
    job.recordFailure(stackTrace, now());
    job.abortInProgress();
    job.status = JobStatus.FAILED;
  }

  /** Puts subtask i of every vertex on TaskManager {@code taskManagers[i]}. */
  public synchronized void placeSubtasks(JobID jobId, int... taskManagers) {
    TestingJob job = known(jobId);
    job.taskManagerOfSubtask.clear();
    for (int subtask = 0; subtask < taskManagers.length; subtask++) {
      job.taskManagerOfSubtask.put(subtask, taskManagers[subtask]);
    }
  }

  /**
   * A TaskManager process dies; every running job with a subtask on it fails over with Flink's
   * message ({@code JobMaster.TaskManagerHeartbeatListener#notifyTargetUnreachable}) and runs again
   * on the TaskManagers up. A replacement starts at once unless it {@code staysDown}.
   */
  public synchronized void taskManagerLost(int index, boolean staysDown) {
    String resourceId = taskManagers.lost(index, staysDown);
    for (TestingJob job : jobs.values()) {
      if (job.status == JobStatus.RUNNING && job.taskManagerOfSubtask.containsValue(index)) {
        job.restart(
            "org.apache.flink.runtime.jobmaster.JobMasterException: TaskManager with id "
                + resourceId
                + " is no longer reachable.\n\tat org.apache.flink.runtime.jobmaster.JobMaster",
            now(),
            true);
        taskManagers.place(job);
      }
    }
  }

  public synchronized void taskManagerBack(int index) {
    taskManagers.back(index);
  }

  // ---- what tests read back ----

  public synchronized JobStatus status(JobID jobId) {
    return known(jobId).status;
  }

  public synchronized List<Submitted> submitted() {
    return List.copyOf(submitted);
  }

  public synchronized List<Integer> taskManagersUp() {
    return taskManagers.up();
  }

  // ---- the REST API ----

  @Override
  public String endpoint() {
    return ENDPOINT;
  }

  @Override
  public String uploadJar(Path jar) {
    availability.answer("POST /jars/upload " + jar.getFileName());
    return UUID.randomUUID() + "_" + jar.getFileName();
  }

  @Override
  public JobID runJar(String jarId, JobSubmission submission) {
    String what = "POST /jars/" + jarId + "/run";
    availability.answer(what);
    synchronized (this) {
      String path = submission.savepointPath();
      Long snapshotId = path == null ? null : snapshotIdOfPath.get(path);
      if (path != null && snapshotId == null) {
        // AbstractFsCheckpointStorageAccess#resolveCheckpointPointer, wrapped by the jar handler
        throw RestAvailability.answered(
            what,
            500,
            "Could not execute application.\nCaused by: java.io.FileNotFoundException: Cannot find"
                + " checkpoint or savepoint file/directory '"
                + path
                + "' on file system 'file'.");
      }
      List<JobID> running =
          jobs.values().stream().filter(j -> !j.status.isTerminalState()).map(j -> j.id).toList();
      TestingJob job = new TestingJob(JobID.generate(), submission, VERTICES, now());
      if (path != null && stateWithoutOperator != null && !submission.allowNonRestoredState()) {
        job.status = JobStatus.FAILED;
        jobs.put(job.id, job);
        submitted.add(new Submitted(job.id, submission, running));
        throw RestAvailability.answered(
            what,
            400,
            "org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute"
                + " application.\n\tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler"
                + "\nCaused by: java.util.concurrent.CompletionException:"
                + " org.apache.flink.runtime.client.JobInitializationException: Could not start the"
                + " JobMaster.\nCaused by: java.lang.IllegalStateException: Failed to rollback to"
                + " checkpoint/savepoint "
                + path
                + ". Cannot map checkpoint/savepoint state for operator "
                + stateWithoutOperator
                + " to the new program, because the operator is not available in the new program."
                + " If you want to allow to skip this, you can set the --allowNonRestoredState"
                + " option on the CLI.");
      }
      if (snapshotId != null) {
        job.restoredFrom(snapshotId, path, now());
      }
      taskManagers.place(job);
      jobs.put(job.id, job);
      submitted.add(new Submitted(job.id, submission, running));
      return job.id;
    }
  }

  @Override
  public Collection<JobDetails> jobs() {
    availability.answer("GET /jobs/overview");
    synchronized (this) {
      int tasks = VERTICES.size();
      return jobs.values().stream()
          .map(
              j ->
                  new JobDetails(
                      j.id,
                      j.name(),
                      j.startedAt,
                      -1,
                      0,
                      j.status,
                      j.deployedAt,
                      new int[ExecutionState.values().length],
                      tasks))
          .toList();
    }
  }

  @Override
  public ClusterOverviewWithVersion overview() {
    availability.answer("GET /overview");
    synchronized (this) {
      int up = taskManagers.up().size();
      return new ClusterOverviewWithVersion(
          up, up, up, 0, 0, count(false), count(true), 0, 0, "1.20.3", "testing");
    }
  }

  @Override
  public JobObservation job(JobID jobId) {
    String what = "GET /jobs/" + jobId;
    availability.answer(what);
    synchronized (this) {
      return job(what, jobId).observe();
    }
  }

  @Override
  public Set<String> taskManagersRunning(JobID jobId) {
    String what = "GET /jobs/" + jobId;
    availability.answer(what);
    synchronized (this) {
      TestingJob job = job(what, jobId);
      Set<String> hosts = new TreeSet<>();
      if (job.status == JobStatus.RUNNING) {
        job.taskManagerOfSubtask
            .values()
            .forEach(index -> hosts.add(taskManagers.resourceId(index)));
      }
      return hosts;
    }
  }

  @Override
  public Map<Integer, SubtaskAttempt> currentAttempts(JobID jobId, String vertexName) {
    String what = "GET /jobs/" + jobId;
    availability.answer(what);
    synchronized (this) {
      TestingJob job = job(what, jobId);
      Map<Integer, SubtaskAttempt> attempts = new TreeMap<>();
      if (job.vertices.stream().anyMatch(v -> v.contains(vertexName))) {
        job.taskManagerOfSubtask
            .keySet()
            .forEach(
                i ->
                    attempts.put(
                        i,
                        new SubtaskAttempt(
                            i,
                            job.attempt,
                            job.deployedAt,
                            taskManagers.resourceId(job.taskManagerOfSubtask.get(i)))));
      }
      return attempts;
    }
  }

  @Override
  public CheckpointObservation checkpoints(JobID jobId) {
    return checkpointActivity(jobId).checkpoints();
  }

  @Override
  public CheckpointActivity checkpointActivity(JobID jobId) {
    String what = "GET /jobs/" + jobId + "/checkpoints";
    availability.answer(what);
    synchronized (this) {
      TestingJob job = job(what, jobId);
      return new CheckpointActivity(job.observation(), job.inProgress);
    }
  }

  @Override
  public List<Long> recentCheckpointTriggerTimes(JobID jobId) {
    String what = "GET /jobs/" + jobId + "/checkpoints";
    availability.answer(what);
    synchronized (this) {
      return List.copyOf(job(what, jobId).completedCheckpointTriggerTimes);
    }
  }

  /**
   * What {@code GET /jobmanager/config} reports as heartbeat.timeout (5 s, as the harness sets).
   */
  public synchronized void heartbeatTimeout(Duration timeout) {
    configuration.put("heartbeat.timeout", Long.toString(timeout.toMillis()));
  }

  /** The harness's clusters set heartbeat.timeout 5 s; the fake says the same. */
  @Override
  public org.apache.flink.configuration.Configuration clusterConfiguration() {
    availability.answer("GET /jobmanager/config");
    synchronized (this) {
      return org.apache.flink.configuration.Configuration.fromMap(configuration);
    }
  }

  private final Map<String, String> configuration =
      new java.util.HashMap<>(Map.of("heartbeat.timeout", "5000"));

  @Override
  public JobFailures failures(JobID jobId) {
    String what = "GET /jobs/" + jobId + "/exceptions";
    availability.answer(what);
    synchronized (this) {
      return job(what, jobId).jobFailures();
    }
  }

  /** As {@code Dispatcher#cancelJob} and {@code JobCancellationHandler} answer. */
  @Override
  public void cancel(JobID jobId) {
    String what = "PATCH /jobs/" + jobId + "?mode=cancel";
    availability.answer(what);
    synchronized (this) {
      TestingJob job = jobs.get(jobId);
      if (job == null) {
        throw RestAvailability.answered(what, 404, "Job could not be found.");
      }
      if (job.status == JobStatus.CANCELED) {
        return;
      }
      if (job.status.isGloballyTerminalState()) {
        throw RestAvailability.answered(
            what,
            409,
            "Job cancellation failed because the job has already reached another terminal state ("
                + job.status
                + ").");
      }
      if (cancelTimesOut) {
        throw RestAvailability.answered(what, 408, "Job cancellation timed out.");
      }
      job.abortInProgress();
      job.status = cancelDoesNotStop ? JobStatus.CANCELLING : JobStatus.CANCELED;
    }
  }

  @Override
  public String stopWithSavepoint(
      JobID jobId, String targetDirectory, Duration atMost, Runnable triggered) {
    availability.answer("POST /jobs/" + jobId + "/stop");
    return savepoints.stop(jobId, targetDirectory, triggered);
  }

  @Override
  public void close() {
    restAnswers();
  }

  // ---- internals shared with TestingSavepoints ----

  long now() {
    return clock.millis();
  }

  void registerSnapshot(String path, long id) {
    snapshotIdOfPath.put(path, id);
  }

  TestingJob known(JobID jobId) {
    TestingJob job = jobs.get(jobId);
    if (job == null) {
      throw new IllegalArgumentException("the testing cluster has no job " + jobId);
    }
    return job;
  }

  /** GET /jobs/:id of an unknown job: {@code AbstractExecutionGraphHandler}'s 404. */
  private TestingJob job(String what, JobID jobId) {
    TestingJob job = jobs.get(jobId);
    if (job == null) {
      throw RestAvailability.answered(
          what,
          404,
          "org.apache.flink.runtime.rest.NotFoundException: Job " + jobId + " not found");
    }
    return job;
  }

  private int count(boolean terminal) {
    return (int) jobs.values().stream().filter(j -> j.status.isTerminalState() == terminal).count();
  }
}
