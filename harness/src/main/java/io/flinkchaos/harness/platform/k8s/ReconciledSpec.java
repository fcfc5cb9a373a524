package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;

/**
 * What the operator last reconciled, from {@code status.reconciliationStatus.lastReconciledSpec}: a
 * JSON string {@code {"spec": {...}, "resource_metadata": {...}}} ({@code
 * api/utils/SpecUtils.writeSpecWithMeta}, release-1.15.0; the same in release-1.14.0). The operator
 * writes the upgrade mode it restores with into the reconciled spec's {@code job.upgradeMode}, not
 * the one asked for ({@code AbstractJobReconciler.reconcileSpecChange}: "We must record the upgrade
 * mode used to the status later"): {@code savepoint} after a stop-with-savepoint and after a cancel
 * that restores the latest checkpoint by path, {@code last-state} only for a restore through HA
 * metadata.
 *
 * @param flinkVersion {@code spec.flinkVersion} as reconciled (FlinkDeployments only), or null
 * @param upgradeMode {@code spec.job.upgradeMode} as reconciled, or null
 */
record ReconciledSpec(String flinkVersion, String upgradeMode) {

  static final ReconciledSpec NONE = new ReconciledSpec(null, null);

  @SuppressWarnings("unchecked")
  static ReconciledSpec of(GenericKubernetesResource resource) {
    if (resource == null) {
      return NONE;
    }
    String json =
        Tree.string(
            resource.getAdditionalProperties(),
            "status",
            "reconciliationStatus",
            "lastReconciledSpec");
    if (json == null || json.isBlank()) {
      return NONE;
    }
    Map<String, Object> root = Serialization.unmarshal(json, Map.class);
    Object wrapped = root.get("spec");
    Map<String, Object> spec = wrapped instanceof Map ? (Map<String, Object>) wrapped : root;
    return new ReconciledSpec(
        Tree.string(spec, "flinkVersion"), Tree.string(spec, "job", "upgradeMode"));
  }

  @Override
  public String toString() {
    return "lastReconciledSpec flinkVersion "
        + flinkVersion
        + ", job.upgradeMode "
        + (upgradeMode == null ? "(none)" : upgradeMode);
  }
}
