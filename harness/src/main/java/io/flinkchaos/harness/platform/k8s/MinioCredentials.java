package io.flinkchaos.harness.platform.k8s;

import io.flinkchaos.harness.config.HarnessSettings;
import java.util.List;

/**
 * The in-cluster MinIO's keys as the Flink containers get them: only as {@code secretKeyRef} env
 * named {@link #ENV}, never in a resource. A container that sets these variables itself cannot work
 * with the in-cluster MinIO.
 */
final class MinioCredentials {

  static final List<String> ENV = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

  private MinioCredentials() {}

  /** The one-line error for {@code who} (e.g. "file: container flink") setting {@link #ENV}. */
  static IllegalArgumentException yourOwn(String who) {
    return new IllegalArgumentException(
        who
            + " sets "
            + ENV
            + ", which the harness needs for the in-cluster MinIO: use your own S3 with -D"
            + HarnessSettings.S3_ENDPOINT
            + "=aws, or remove them");
  }
}
