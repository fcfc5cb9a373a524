package io.flinkchaos.harness.steps;

import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.upgrade.RestoreRefusedException;

/**
 * An upgrade Flink refused, with what ran before it: the job and the cluster (its Flink version) a
 * rollback resumes from the refused upgrade's snapshot.
 */
record RefusedUpgrade(
    RestoreRefusedException refusal, JobSpec previousJob, ClusterSpec previousCluster) {}
