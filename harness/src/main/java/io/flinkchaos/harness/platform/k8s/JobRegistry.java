package io.flinkchaos.harness.platform.k8s;

import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;

/**
 * Which resource (FlinkSessionJob, or application FlinkDeployment) runs which Flink job, and which
 * one each suspension left suspended.
 */
final class JobRegistry {

  private final String cluster;
  private final Map<JobID, String> running = new LinkedHashMap<>();
  private final Map<UpgradeOutcome, Suspended> suspended = new LinkedHashMap<>();

  /** A suspended resource and the id of the job it ran (a resume must run another). */
  record Suspended(String resource, String jobId) {}

  /**
   * @param cluster "namespace/name" of the session cluster, for messages
   */
  JobRegistry(String cluster) {
    this.cluster = cluster;
  }

  synchronized void running(JobID job, String resource) {
    running.put(job, resource);
  }

  synchronized void gone(JobID job) {
    running.remove(job);
  }

  /** The resource that runs {@code job}. */
  synchronized String resourceOf(DeployedJob job) {
    String resource = running.get(job.jobId());
    if (resource == null) {
      throw new IllegalArgumentException(
          "job " + job.jobId() + " was not deployed by this harness on " + cluster);
    }
    return resource;
  }

  synchronized void suspended(UpgradeOutcome suspension, DeployedJob job, String resource) {
    running.remove(job.jobId());
    suspended.put(suspension, new Suspended(resource, job.jobId().toHexString()));
  }

  /** Takes the resource {@code suspension} left suspended, to resume it. */
  synchronized Suspended resuming(UpgradeOutcome suspension) {
    Suspended found = suspended.remove(suspension);
    if (found == null) {
      throw new IllegalArgumentException(
          "not a suspension made by this harness on " + cluster + ": " + suspension);
    }
    return found;
  }

  /** The resources running a job now. */
  synchronized List<String> runningNames() {
    return List.copyOf(running.values());
  }

  /** Forgets every suspension and returns the resources they left suspended. */
  synchronized List<String> dropSuspended() {
    List<String> names = suspended.values().stream().map(Suspended::resource).toList();
    suspended.clear();
    return names;
  }

  /** Every resource running or suspended. */
  synchronized List<String> names() {
    List<String> names = new ArrayList<>(running.values());
    suspended.values().forEach(s -> names.add(s.resource()));
    return names;
  }
}
