package io.flinkchaos.harness.job;

import java.time.Instant;
import org.apache.flink.api.common.JobID;

/**
 * A job as deployed on a cluster. {@code restorePath} is the snapshot it was submitted from, or
 * null for a fresh start.
 */
public record DeployedJob(JobID jobId, JobSpec spec, Instant submittedAt, String restorePath) {

  @Override
  public String toString() {
    return spec + " as job " + jobId + (restorePath == null ? "" : " from " + restorePath);
  }
}
