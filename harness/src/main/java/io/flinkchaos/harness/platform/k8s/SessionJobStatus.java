package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * What the operator last wrote into a FlinkSessionJob's status (or that the resource is missing),
 * as one observation for waits and their messages.
 */
public record SessionJobStatus(
    boolean exists,
    Long generation,
    Long observedGeneration,
    String jobId,
    String jobState,
    String lifecycleState,
    String reconciliationState,
    String error,
    String upgradeSavepointPath) {

  public static final SessionJobStatus MISSING =
      new SessionJobStatus(false, null, null, null, null, null, null, null, null);

  public static SessionJobStatus of(GenericKubernetesResource resource) {
    if (resource == null) {
      return MISSING;
    }
    Map<String, Object> root = resource.getAdditionalProperties();
    Object observed = Tree.get(root, "status", "observedGeneration");
    return new SessionJobStatus(
        true,
        resource.getMetadata() == null ? null : resource.getMetadata().getGeneration(),
        observed instanceof Number n ? n.longValue() : null,
        Tree.string(root, "status", "jobStatus", "jobId"),
        Tree.string(root, "status", "jobStatus", "state"),
        Tree.string(root, "status", "lifecycleState"),
        Tree.string(root, "status", "reconciliationStatus", "state"),
        Tree.string(root, "status", "error"),
        Tree.string(root, "status", "jobStatus", "upgradeSavepointPath"));
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
      return "the FlinkSessionJob's lifecycle state is FAILED" + errorSuffix();
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
      return "no such FlinkSessionJob";
    }
    StringBuilder s = new StringBuilder();
    s.append("job ").append(jobId == null ? "(no id)" : jobId);
    s.append(" ").append(jobState == null ? "(no job state)" : jobState);
    s.append(", lifecycle ").append(lifecycleState);
    s.append(", reconciliation ").append(reconciliationState);
    s.append(", generation ").append(observedGeneration).append('/').append(generation);
    if (upgradeSavepointPath != null) {
      s.append(", upgradeSavepointPath ").append(upgradeSavepointPath);
    }
    if (error != null) {
      s.append(", error ").append(oneLine(error));
    }
    return s.toString();
  }
}
