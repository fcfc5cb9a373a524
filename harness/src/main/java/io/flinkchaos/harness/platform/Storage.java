package io.flinkchaos.harness.platform;

import io.flinkchaos.harness.check.CommittedOutput;
import java.net.URI;

/** Where a cluster keeps checkpoints, savepoints and job output, and how to read that output. */
public interface Storage {

  /** A short name for reports: "file", "s3". */
  String kind();

  URI checkpoints();

  URI savepoints();

  /** A fresh, empty output location for one job run. */
  URI newOutputLocation(String name);

  /** Reads committed output at a location this storage handed out. */
  CommittedOutput committedOutput(URI location);

  /** Flink configuration this storage needs on every cluster process (endpoints, options). */
  default java.util.Map<String, String> flinkConfiguration() {
    return java.util.Map.of();
  }

  /**
   * Environment for every cluster process; credentials travel here, never through configuration
   * files or logs.
   */
  default java.util.Map<String, String> processEnvironment() {
    return java.util.Map.of();
  }

  /** Cutting the cluster off this storage for a while, or why the harness cannot. */
  default Capability<StorageOutages> outages() {
    return Capability.missing(
        "needs an object store the harness runs itself; this cluster's storage is "
            + kind()
            + ": run with -Dharness.storage=s3 on the local platform (the embedded s3proxy)");
  }

  /** Where Flink keeps HA metadata (job graphs, checkpoint pointers) on this storage. */
  URI highAvailability();

  /**
   * The path to restore a snapshot from, given the path Flink reported for it. Some S3-compatible
   * stores need the {@code _metadata} file named explicitly.
   */
  default String restorePath(String snapshotPath) {
    return snapshotPath;
  }
}
