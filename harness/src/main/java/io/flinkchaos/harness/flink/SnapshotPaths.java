package io.flinkchaos.harness.flink;

/**
 * Snapshot paths compared as locations: Flink reports one snapshot as {@code file:/x}, {@code
 * file:///x/} or its {@code _metadata} file, where the harness may hold {@code /x}.
 */
public final class SnapshotPaths {

  private static final String METADATA = "/_metadata";

  /**
   * What the Flink Kubernetes Operator writes as {@code upgradeSavepointPath} (and {@code
   * execution.savepoint.path}) when an application cluster restores the latest checkpoint of its HA
   * store: {@code AbstractJobReconciler.LAST_STATE_DUMMY_SP_PATH}, release-1.15.0. Not a path; the
   * checkpoint is whatever the HA store held last.
   */
  public static final String LATEST_IN_HA = "KUBERNETES_OPERATOR_LAST_STATE";

  private SnapshotPaths() {}

  /** Whether both paths name the same snapshot; a null path is the empty one. */
  public static boolean same(String reported, String expected) {
    return normalize(reported).equals(normalize(expected));
  }

  /** The snapshot directory, without {@code file:} scheme, trailing slashes or metadata file. */
  static String normalize(String path) {
    String p = path == null ? "" : path.strip();
    if (p.endsWith(METADATA)) {
      p = p.substring(0, p.length() - METADATA.length());
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.replaceFirst("^file:/+", "/");
  }
}
