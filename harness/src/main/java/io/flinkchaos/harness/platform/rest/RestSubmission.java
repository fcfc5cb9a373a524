package io.flinkchaos.harness.platform.rest;

import io.flinkchaos.harness.flink.FlinkRest;
import io.flinkchaos.harness.flink.JobCancellation;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import java.time.Instant;
import org.apache.flink.api.common.JobID;

/**
 * Deploying and cancelling a job over Flink's REST API, where no operator does it: upload the jar,
 * run it (from a snapshot when given); cancel and confirm. Shared by every cluster without an
 * operator.
 */
public final class RestSubmission {

  private RestSubmission() {}

  /** Uploads {@code job}'s jar and runs it, restored from {@code restorePath} (null: fresh). */
  public static DeployedJob submit(FlinkRest rest, JobSpec job, String restorePath) {
    job.clusterJar()
        .ifPresent(
            path -> {
              throw new IllegalArgumentException(
                  job
                      + " runs local://"
                      + path
                      + ", a jar inside the cluster's containers, which Flink's REST API cannot"
                      + " run: only standalone Flink on Kubernetes (flink run in the JobManager's"
                      + " container) and the operator's application mode run it; give a jar on"
                      + " this machine otherwise");
            });
    String jarId = rest.uploadJar(job.jar());
    Instant submittedAt = Instant.now();
    JobID jobId = rest.runJar(jarId, job.submission(restorePath));
    return new DeployedJob(jobId, job, submittedAt, restorePath);
  }

  /** Cancels {@code job}; whether this call cancelled it (false: it had already ended). */
  public static boolean cancel(FlinkRest rest, DeployedJob job) {
    return new JobCancellation(rest).cancel(job.jobId()) == JobCancellation.Result.CANCELLED;
  }
}
