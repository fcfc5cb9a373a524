package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * What the operator last wrote into a FlinkSessionJob's or FlinkDeployment's status (or that the
 * resource is missing), as one observation for waits and their messages. The two share these fields
 * ({@code api/status/CommonStatus}, {@code JobStatus}, {@code ReconciliationStatus}); {@code
 * jobManagerDeploymentStatus} is a FlinkDeployment's only ({@code FlinkDeploymentStatus}).
 */
public record OperatorStatus(
    boolean exists,
    Long generation,
    Long observedGeneration,
    String jobId,
    String jobState,
    String lifecycleState,
    String reconciliationState,
    String error,
    String upgradeSavepointPath,
    String jobManagerDeploymentStatus) {

  public static final OperatorStatus MISSING =
      new OperatorStatus(false, null, null, null, null, null, null, null, null, null);

  /** A FlinkSessionJob's status (no JobManager deployment of its own). */
  public OperatorStatus(
      boolean exists,
      Long generation,
      Long observedGeneration,
      String jobId,
      String jobState,
      String lifecycleState,
      String reconciliationState,
      String error,
      String upgradeSavepointPath) {
    this(
        exists,
        generation,
        observedGeneration,
        jobId,
        jobState,
        lifecycleState,
        reconciliationState,
        error,
        upgradeSavepointPath,
        null);
  }

  public static OperatorStatus of(GenericKubernetesResource resource) {
    if (resource == null) {
      return MISSING;
    }
    Map<String, Object> root = resource.getAdditionalProperties();
    Object observed = Tree.get(root, "status", "observedGeneration");
    return new OperatorStatus(
        true,
        resource.getMetadata() == null ? null : resource.getMetadata().getGeneration(),
        observed instanceof Number n ? n.longValue() : null,
        Tree.string(root, "status", "jobStatus", "jobId"),
        Tree.string(root, "status", "jobStatus", "state"),
        Tree.string(root, "status", "lifecycleState"),
        Tree.string(root, "status", "reconciliationStatus", "state"),
        Tree.string(root, "status", "error"),
        Tree.string(root, "status", "jobStatus", "upgradeSavepointPath"),
        Tree.string(root, "status", "jobManagerDeploymentStatus"));
  }

  public boolean running() {
    return "RUNNING".equals(jobState) && jobId != null && !jobId.isBlank();
  }

  /** Running a job other than {@code previousJobId}, with the latest spec reconciled. */
  public boolean runningNewJob(String previousJobId) {
    return running()
        && !jobId.equals(previousJobId)
        && !"UPGRADING".equals(reconciliationState)
        && !"UPGRADING".equals(lifecycleState);
  }

  public boolean suspended() {
    return "SUSPENDED".equals(lifecycleState);
  }

  /**
   * Why waiting is pointless, or null: the job or the resource failed, or the operator rejected the
   * spec (a validation error is never retried).
   */
  public String terminalProblem() {
    if ("FAILED".equals(lifecycleState)) {
      return "the lifecycle state is FAILED" + errorSuffix();
    }
    if ("FAILED".equals(jobState)) {
      return "the Flink job " + jobId + " FAILED" + errorSuffix();
    }
    if (error != null && error.contains("ValidationException")) {
      return "the operator rejected the spec" + errorSuffix();
    }
    return null;
  }

  private String errorSuffix() {
    return error == null ? "" : ": " + oneLine(error);
  }

  static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  @Override
  public String toString() {
    if (!exists) {
      return "no such resource";
    }
    StringBuilder s = new StringBuilder();
    s.append("job ").append(jobId == null ? "(no id)" : jobId);
    s.append(" ").append(jobState == null ? "(no job state)" : jobState);
    s.append(", lifecycle ").append(lifecycleState);
    s.append(", reconciliation ").append(reconciliationState);
    s.append(", generation ").append(observedGeneration).append('/').append(generation);
    if (jobManagerDeploymentStatus != null) {
      s.append(", JobManager ").append(jobManagerDeploymentStatus);
    }
    if (upgradeSavepointPath != null) {
      s.append(", upgradeSavepointPath ").append(upgradeSavepointPath);
    }
    if (error != null) {
      s.append(", error ").append(oneLine(error));
    }
    return s.toString();
  }
}
