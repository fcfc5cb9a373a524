package io.flinkchaos.harness.platform.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink configuration keys the harness sets, named in one place, and how they meet a user's own
 * {@code flinkConfiguration}: the harness adds a key only where the user set none (under its name
 * or a deprecated name Flink still reads) and never overrides one; it logs what it added and what
 * it refused to override. A user value that defeats what a scenario needs is a one-line error
 * instead ({@link #clusterConflict}).
 */
final class FlinkConfigurationMerge {

  private static final Logger LOG = LoggerFactory.getLogger(FlinkConfigurationMerge.class);

  /** The scenario's slots per TaskManager: the harness counts slots from it. */
  static final String SLOTS = "taskmanager.numberOfTaskSlots";

  /** Native mode starts TaskManagers on demand; this keeps the scenario's count running. */
  static final String MIN_SLOTS = "slotmanager.number-of-slots.min";

  /** Last-state and savepoint upgrades need it (notes k3s-deployment.md). */
  static final String CHECKPOINT_DIR = "execution.checkpointing.dir";

  static final String SAVEPOINT_DIR = "execution.checkpointing.savepoint-dir";
  static final String HA_TYPE = "high-availability.type";
  static final String HA_STORAGE = "high-availability.storageDir";
  static final String CLUSTER_ID = "kubernetes.cluster-id";

  /** Only with the in-cluster MinIO; bring-your-own storage keeps the pods' own S3 settings. */
  static final String S3_ENDPOINT = "s3.endpoint";

  static final String S3_PATH_STYLE = "s3.path.style.access";

  /** Keys of Kubernetes HA, removed from the template when the scenario asks for no HA. */
  static final List<String> HA_KEYS = List.of(HA_TYPE, HA_STORAGE, CLUSTER_ID);

  /**
   * Deprecated names Flink 1.20 still reads for a key (notes k3s-deployment.md: "old names
   * state.checkpoints.dir / state.savepoints.dir"): a user value under the old name counts as set.
   */
  static final Map<String, List<String>> OLD_NAMES =
      Map.of(
          CHECKPOINT_DIR, List.of("state.checkpoints.dir"),
          SAVEPOINT_DIR, List.of("state.savepoints.dir"),
          HA_TYPE, List.of("high-availability"),
          HA_STORAGE, List.of("high-availability.storage-path"));

  private FlinkConfigurationMerge() {}

  /** What a merge did: keys added, and keys the user set that the harness would have set. */
  record Result(List<String> added, Map<String, String> refused) {}

  /** The user's value of {@code key} under its name or an old name, if set. */
  static Optional<String> userValue(Map<String, Object> config, String key) {
    List<String> names = new ArrayList<>();
    names.add(key);
    names.addAll(OLD_NAMES.getOrDefault(key, List.of()));
    for (String name : names) {
      if (config.containsKey(name) && config.get(name) != null) {
        return Optional.of(config.get(name).toString());
      }
    }
    return Optional.empty();
  }

  /**
   * Adds each of {@code wanted} to {@code config} unless the user set it; logs the outcome for
   * {@code what} (e.g. "FlinkDeployment ns/name").
   */
  static Result merge(Map<String, Object> config, Map<String, String> wanted, String what) {
    List<String> added = new ArrayList<>();
    Map<String, String> refused = new LinkedHashMap<>();
    wanted.forEach(
        (key, value) -> {
          Optional<String> user = userValue(config, key);
          if (user.isEmpty()) {
            config.put(key, value);
            added.add(key);
          } else if (!user.get().equals(value)) {
            refused.put(key, user.get());
          }
        });
    if (!added.isEmpty()) {
      LOG.info("{}: the harness added flinkConfiguration {}", what, added);
    }
    if (!refused.isEmpty()) {
      LOG.info(
          "{}: kept your flinkConfiguration {} (the harness would have set {})",
          what,
          refused,
          refused.keySet().stream().map(k -> k + "=" + wanted.get(k)).toList());
    }
    return new Result(List.copyOf(added), Map.copyOf(refused));
  }

  /**
   * Why the user's cluster configuration cannot run a scenario needing {@code wanted}, or empty:
   * another slot count, HA on or off against the scenario, an empty checkpoint or savepoint
   * directory, or (with the in-cluster MinIO) another S3 endpoint or path-style access off.
   */
  static Optional<String> clusterConflict(
      Map<String, Object> config, Map<String, String> wanted, boolean highAvailability) {
    Optional<String> slots = userValue(config, SLOTS);
    if (slots.isPresent() && !slots.get().trim().equals(wanted.get(SLOTS))) {
      return Optional.of(
          SLOTS
              + "="
              + slots.get()
              + " but the scenario asks for "
              + wanted.get(SLOTS)
              + " slots per TaskManager: remove the key from your configuration");
    }
    for (String dir : List.of(CHECKPOINT_DIR, SAVEPOINT_DIR)) {
      Optional<String> value = userValue(config, dir);
      if (value.isPresent() && value.get().isBlank()) {
        return Optional.of(
            dir + " is empty: upgrades and restores need it, set it or remove the key");
      }
    }
    Optional<String> ha = userValue(config, HA_TYPE);
    boolean userHa = ha.isPresent() && !ha.get().trim().equalsIgnoreCase("none");
    if (ha.isPresent() && userHa != highAvailability) {
      return Optional.of(
          HA_TYPE
              + "="
              + ha.get()
              + " but the scenario asks for a cluster "
              + (highAvailability ? "with" : "without")
              + " HA: remove the key, or run only scenarios "
              + (userHa ? "with" : "without")
              + " HA");
    }
    if (wanted.containsKey(S3_ENDPOINT)) {
      Optional<String> endpoint = userValue(config, S3_ENDPOINT);
      if (endpoint.isPresent() && !endpoint.get().equals(wanted.get(S3_ENDPOINT))) {
        return Optional.of(
            S3_ENDPOINT
                + "="
                + endpoint.get()
                + " but the harness keeps state and output on the in-cluster MinIO: remove the"
                + " key, or use your own S3 with -D"
                + io.flinkchaos.harness.config.HarnessSettings.S3_ENDPOINT
                + "=aws");
      }
      Optional<String> pathStyle = userValue(config, S3_PATH_STYLE);
      if (pathStyle.isPresent() && !pathStyle.get().trim().equalsIgnoreCase("true")) {
        return Optional.of(
            S3_PATH_STYLE
                + "="
                + pathStyle.get()
                + " but the in-cluster MinIO needs path-style access: remove the key, or use your"
                + " own S3 with -D"
                + io.flinkchaos.harness.config.HarnessSettings.S3_ENDPOINT
                + "=aws");
      }
    }
    return Optional.empty();
  }
}
