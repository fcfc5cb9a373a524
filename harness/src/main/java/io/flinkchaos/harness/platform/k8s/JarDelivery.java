package io.flinkchaos.harness.platform.k8s;

import java.nio.file.Path;

/** Makes a job jar reachable by the operator and returns the FlinkSessionJob {@code jarURI}. */
@FunctionalInterface
public interface JarDelivery {

  String jarUri(Path jar);
}
