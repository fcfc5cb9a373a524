package io.flinkchaos.harness.fault;

import org.apache.flink.api.common.JobID;

/** Reads what the cluster is doing right before a fault; never fails, never waits long. */
@FunctionalInterface
public interface LandingObserver {

  FaultLanding observe(JobID jobId);
}
