package io.flinkchaos.harness.flink;

import java.util.function.Supplier;
import org.apache.flink.api.common.JobID;

/** What {@link JobWaits} reads about a job; narrow so that tests can fake it. */
public interface JobObserver {

  /** The job's state and checkpoint counters. */
  JobProgress progress(JobID jobId);

  /** The job's failures from its exception history. */
  JobFailures failures(JobID jobId);

  /** Over Flink's REST API, with the client of the current JobManager re-read on every call. */
  static JobObserver overRest(Supplier<FlinkRest> rest) {
    return new JobObserver() {
      @Override
      public JobProgress progress(JobID jobId) {
        FlinkRest client = rest.get();
        return new JobProgress(client.job(jobId), client.checkpoints(jobId));
      }

      @Override
      public JobFailures failures(JobID jobId) {
        return rest.get().failures(jobId);
      }
    };
  }
}
