package io.flinkchaos.harness.platform.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Flink "distribution" a local cluster runs: the jars Maven resolved for fixtures/flink-dist
 * (flink-dist itself is not on Maven Central), the launcher jar, and this JVM's java binary.
 */
public record FlinkDistribution(String classpath, Path javaBinary) {

  /**
   * Reads the classpath file written by {@code dependency:build-classpath} and adds the launcher.
   */
  public static FlinkDistribution from(Path classpathFile, Path launcherJar) {
    String jars;
    try {
      jars = Files.readString(classpathFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Flink classpath file " + classpathFile, e);
    }
    List<String> missing =
        List.of(jars.split(File.pathSeparator)).stream()
            .filter(jar -> !Files.isRegularFile(Path.of(jar)))
            .limit(3)
            .toList();
    if (jars.isEmpty() || !missing.isEmpty()) {
      throw new IllegalStateException(
          "the Flink classpath in "
              + classpathFile
              + " lists missing jars "
              + missing
              + ": rebuild it with 'mvn verify' (or 'mvn -pl fixtures/flink-dist package')");
    }
    Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
    return new FlinkDistribution(launcherJar + File.pathSeparator + jars, javaBinary);
  }
}
