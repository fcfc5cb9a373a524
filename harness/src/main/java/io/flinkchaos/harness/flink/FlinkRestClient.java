package io.flinkchaos.harness.flink;

import io.flinkchaos.harness.wait.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.runtime.messages.webmonitor.JobDetails;
import org.apache.flink.runtime.messages.webmonitor.MultipleJobsDetails;
import org.apache.flink.runtime.rest.FileUpload;
import org.apache.flink.runtime.rest.handler.async.AsynchronousOperationResult;
import org.apache.flink.runtime.rest.handler.async.TriggerResponse;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;
import org.apache.flink.runtime.rest.messages.ClusterConfigurationInfoHeaders;
import org.apache.flink.runtime.rest.messages.ClusterOverviewHeaders;
import org.apache.flink.runtime.rest.messages.ConfigurationInfo;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobCancellationHeaders;
import org.apache.flink.runtime.rest.messages.JobCancellationMessageParameters;
import org.apache.flink.runtime.rest.messages.JobExceptionsHeaders;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.JobVertexDetailsHeaders;
import org.apache.flink.runtime.rest.messages.JobVertexMessageParameters;
import org.apache.flink.runtime.rest.messages.JobsOverviewHeaders;
import org.apache.flink.runtime.rest.messages.TerminationModeQueryParameter;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatisticsHeaders;
import org.apache.flink.runtime.rest.messages.job.JobDetailsHeaders;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.rest.messages.job.JobExceptionsMessageParameters;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointInfo;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointStatusHeaders;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointStatusMessageParameters;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointTriggerMessageParameters;
import org.apache.flink.runtime.rest.messages.job.savepoints.stop.StopWithSavepointRequestBody;
import org.apache.flink.runtime.rest.messages.job.savepoints.stop.StopWithSavepointTriggerHeaders;
import org.apache.flink.runtime.rest.messages.queue.QueueStatus;
import org.apache.flink.runtime.rest.util.RestConstants;
import org.apache.flink.runtime.webmonitor.handlers.JarRunHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarRunMessageParameters;
import org.apache.flink.runtime.webmonitor.handlers.JarRunRequestBody;
import org.apache.flink.runtime.webmonitor.handlers.JarUploadHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarUploadResponseBody;

/**
 * Flink's REST API through Flink's own client and message types (no hand-written HTTP or JSON): jar
 * upload and run, job and vertex state, checkpoint statistics, cancel, stop-with-savepoint. Every
 * call is bounded by {@link #REQUEST_TIMEOUT} and fails with the call and endpoint named.
 */
public final class FlinkRestClient implements FlinkRest {

  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private final RestTransport rest;

  public FlinkRestClient(String host, int port) {
    this.rest = new RestTransport(host, port, REQUEST_TIMEOUT);
  }

  @Override
  public String endpoint() {
    return rest.endpoint();
  }

  /** Uploads a job jar; returns the jar id the cluster knows it by. */
  @Override
  public String uploadJar(Path jar) {
    JarUploadResponseBody response =
        rest.call(
            "POST /jars/upload " + jar.getFileName(),
            JarUploadHeaders.getInstance(),
            EmptyMessageParameters.getInstance(),
            EmptyRequestBody.getInstance(),
            List.of(new FileUpload(jar, RestConstants.CONTENT_TYPE_JAR)));
    return Path.of(response.getFilename()).getFileName().toString();
  }

  @Override
  public JobID runJar(String jarId, JobSubmission submission) {
    JarRunMessageParameters parameters =
        JarRunHeaders.getInstance().getUnresolvedMessageParameters();
    parameters.jarIdPathParameter.resolve(jarId);
    JarRunRequestBody body =
        new JarRunRequestBody(
            submission.entryClass(),
            null,
            submission.args(),
            submission.parallelism(),
            null,
            submission.allowNonRestoredState(),
            submission.savepointPath(),
            null,
            null,
            submission.flinkConfiguration());
    return rest.call(
            "POST /jars/" + jarId + "/run",
            JarRunHeaders.getInstance(),
            parameters,
            body,
            List.of())
        .getJobId();
  }

  /** All jobs the cluster knows, with their status. */
  @Override
  public Collection<JobDetails> jobs() {
    MultipleJobsDetails details =
        rest.call(
            "GET /jobs/overview",
            JobsOverviewHeaders.getInstance(),
            EmptyMessageParameters.getInstance(),
            EmptyRequestBody.getInstance(),
            List.of());
    return details.getJobs();
  }

  @Override
  public ClusterOverviewWithVersion overview() {
    return rest.call(
        "GET /overview",
        ClusterOverviewHeaders.getInstance(),
        EmptyMessageParameters.getInstance(),
        EmptyRequestBody.getInstance(),
        List.of());
  }

  @Override
  public JobObservation job(JobID jobId) {
    JobDetailsInfo details = jobDetails(jobId);
    Map<String, org.apache.flink.runtime.execution.ExecutionState> vertices = new LinkedHashMap<>();
    details.getJobVertexInfos().forEach(v -> vertices.put(v.getName(), v.getExecutionState()));
    return new JobObservation(jobId, details.getName(), details.getJobStatus(), vertices);
  }

  /** Resource ids of the TaskManagers that run at least one RUNNING subtask of the job. */
  @Override
  public Set<String> taskManagersRunning(JobID jobId) {
    JobDetailsInfo details = jobDetails(jobId);
    Set<String> hosts = new TreeSet<>();
    for (JobDetailsInfo.JobVertexDetailsInfo vertex : details.getJobVertexInfos()) {
      vertexSubtasks(jobId, vertex.getJobVertexID()).subtasks.stream()
          .filter(VertexSubtasks.Subtask::running)
          .forEach(s -> hosts.add(s.taskManagerId));
    }
    return hosts;
  }

  @Override
  public Map<Integer, SubtaskAttempt> currentAttempts(JobID jobId, String vertexName) {
    Map<Integer, SubtaskAttempt> attempts = new TreeMap<>();
    for (JobDetailsInfo.JobVertexDetailsInfo vertex : jobDetails(jobId).getJobVertexInfos()) {
      if (!vertex.getName().contains(vertexName)) {
        continue;
      }
      vertexSubtasks(jobId, vertex.getJobVertexID())
          .subtasks
          .forEach(
              s ->
                  attempts.put(
                      s.subtask,
                      new SubtaskAttempt(s.subtask, s.attempt, s.startTime, s.taskManagerId)));
    }
    return attempts;
  }

  @Override
  public CheckpointObservation checkpoints(JobID jobId) {
    return RestResponses.observation(checkpointingStatistics(jobId));
  }

  @Override
  public CheckpointActivity checkpointActivity(JobID jobId) {
    return RestResponses.activity(checkpointingStatistics(jobId));
  }

  @Override
  public java.util.Optional<InFlightData> latestCheckpointInFlightData(JobID jobId) {
    JobMessageParameters parameters = new JobMessageParameters();
    parameters.jobPathParameter.resolve(jobId);
    return rest.readAs(
            "GET /jobs/" + jobId + "/checkpoints",
            CheckpointingStatisticsHeaders.getInstance(),
            parameters,
            EmptyRequestBody.getInstance(),
            LatestCheckpointData.class)
        .inFlightData();
  }

  @Override
  public SourceOutput sourceOutput(JobID jobId) {
    JobDetailsInfo.JobVertexDetailsInfo source =
        jobDetails(jobId).getJobVertexInfos().stream()
            .findFirst()
            .orElseThrow(() -> new FlinkRestException("job " + jobId + " has no vertices", null));
    return RestResponses.sourceOutput(source);
  }

  @Override
  public List<CheckpointRecord> checkpointHistory(JobID jobId) {
    return RestResponses.history(checkpointingStatistics(jobId));
  }

  /** Trigger times of the most recent completed checkpoints (not savepoints), oldest first. */
  @Override
  public List<Long> recentCheckpointTriggerTimes(JobID jobId) {
    return RestResponses.completedCheckpointTriggerTimes(checkpointingStatistics(jobId));
  }

  @Override
  public Configuration clusterConfiguration() {
    ConfigurationInfo entries =
        rest.call(
            "GET /jobmanager/config",
            ClusterConfigurationInfoHeaders.getInstance(),
            EmptyMessageParameters.getInstance(),
            EmptyRequestBody.getInstance(),
            List.of());
    Map<String, String> values = new LinkedHashMap<>();
    entries.forEach(entry -> values.put(entry.getKey(), entry.getValue()));
    return Configuration.fromMap(values);
  }

  @Override
  public JobFailures failures(JobID jobId) {
    JobExceptionsMessageParameters parameters = new JobExceptionsMessageParameters();
    parameters.jobPathParameter.resolve(jobId);
    ExceptionHistory.History history =
        rest.readAs(
                "GET /jobs/" + jobId + "/exceptions",
                JobExceptionsHeaders.getInstance(),
                parameters,
                EmptyRequestBody.getInstance(),
                ExceptionHistory.class)
            .history;
    return RestResponses.failures(history);
  }

  @Override
  public void cancel(JobID jobId) {
    JobCancellationMessageParameters parameters =
        new JobCancellationMessageParameters()
            .resolveJobId(jobId)
            .resolveTerminationMode(TerminationModeQueryParameter.TerminationMode.CANCEL);
    rest.call(
        "PATCH /jobs/" + jobId + "?mode=cancel",
        JobCancellationHeaders.getInstance(),
        parameters,
        EmptyRequestBody.getInstance(),
        List.of());
  }

  @Override
  public String stopWithSavepoint(
      JobID jobId, String targetDirectory, Duration atMost, Runnable triggered) {
    SavepointTriggerMessageParameters trigger =
        StopWithSavepointTriggerHeaders.getInstance().getUnresolvedMessageParameters();
    trigger.jobID.resolve(jobId);
    TriggerResponse response =
        rest.call(
            "POST /jobs/" + jobId + "/stop",
            StopWithSavepointTriggerHeaders.getInstance(),
            trigger,
            new StopWithSavepointRequestBody(
                targetDirectory, false, SavepointFormatType.CANONICAL, null),
            List.of());
    triggered.run();
    SavepointStatusMessageParameters status =
        SavepointStatusHeaders.getInstance().getUnresolvedMessageParameters();
    status.jobIdPathParameter.resolve(jobId);
    status.triggerIdPathParameter.resolve(response.getTriggerId());
    AsynchronousOperationResult<SavepointInfo> result =
        Waits.until(
            "stop-with-savepoint of job " + jobId + " to complete",
            atMost,
            () ->
                rest.call(
                    "GET /jobs/" + jobId + "/savepoints/" + response.getTriggerId(),
                    SavepointStatusHeaders.getInstance(),
                    status,
                    EmptyRequestBody.getInstance(),
                    List.of()),
            r -> r.queueStatus().getId() == QueueStatus.Id.COMPLETED);
    SavepointInfo info = result.resource();
    if (info.getFailureCause() != null) {
      throw new FlinkRestException(
          "stop-with-savepoint of job "
              + jobId
              + " failed at "
              + endpoint()
              + ": "
              + info.getFailureCause().getMessage(),
          info.getFailureCause());
    }
    return info.getLocation();
  }

  private VertexSubtasks vertexSubtasks(JobID jobId, JobVertexID vertexId) {
    JobVertexMessageParameters parameters = new JobVertexMessageParameters();
    parameters.jobPathParameter.resolve(jobId);
    parameters.jobVertexIdPathParameter.resolve(vertexId);
    return rest.readAs(
        "GET /jobs/" + jobId + "/vertices/" + vertexId,
        JobVertexDetailsHeaders.getInstance(),
        parameters,
        EmptyRequestBody.getInstance(),
        VertexSubtasks.class);
  }

  private JobDetailsInfo jobDetails(JobID jobId) {
    JobMessageParameters parameters = new JobMessageParameters();
    parameters.jobPathParameter.resolve(jobId);
    return rest.call(
        "GET /jobs/" + jobId,
        JobDetailsHeaders.getInstance(),
        parameters,
        EmptyRequestBody.getInstance(),
        List.of());
  }

  private CheckpointingStatistics checkpointingStatistics(JobID jobId) {
    JobMessageParameters parameters = new JobMessageParameters();
    parameters.jobPathParameter.resolve(jobId);
    return rest.call(
        "GET /jobs/" + jobId + "/checkpoints",
        CheckpointingStatisticsHeaders.getInstance(),
        parameters,
        EmptyRequestBody.getInstance(),
        List.of());
  }

  @Override
  public void close() {
    rest.close();
  }
}
