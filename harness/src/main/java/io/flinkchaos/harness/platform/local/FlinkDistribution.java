package io.flinkchaos.harness.platform.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Flink "distribution" a local cluster runs: the jars Maven resolved for fixtures/flink-dist
 * (flink-dist itself is not on Maven Central), the launcher jar, the plugins directory, and this
 * JVM's java binary.
 */
public record FlinkDistribution(
    String classpath, Path javaBinary, Path launcherJar, Path pluginsDir) {

  /**
   * Reads the classpath file written by {@code dependency:build-classpath} and adds the launcher.
   */
  public static FlinkDistribution from(Path classpathFile, Path launcherJar, Path pluginsDir) {
    return new FlinkDistribution(
        launcherFirst(launcherJar, classpathFile),
        Path.of(System.getProperty("java.home"), "bin", "java"),
        launcherJar,
        pluginsDir);
  }

  /**
   * Another program's jars from its classpath file, after the launcher jar: what another supervised
   * JVM (s3proxy) runs on.
   */
  public String launcherClasspath(Path classpathFile) {
    return launcherFirst(launcherJar, classpathFile);
  }

  private static String launcherFirst(Path launcherJar, Path classpathFile) {
    return launcherJar + File.pathSeparator + readClasspath(classpathFile);
  }

  private static String readClasspath(Path classpathFile) {
    String jars;
    try {
      jars = Files.readString(classpathFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the classpath file " + classpathFile, e);
    }
    List<String> missing =
        List.of(jars.split(File.pathSeparator)).stream()
            .filter(jar -> !Files.isRegularFile(Path.of(jar)))
            .limit(3)
            .toList();
    if (jars.isEmpty() || !missing.isEmpty()) {
      throw new IllegalStateException(
          "the classpath in "
              + classpathFile
              + " lists missing jars "
              + missing
              + ": rebuild it with 'mvn verify' from the repository root");
    }
    return jars;
  }
}
