package io.flinkchaos.harness.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The harness's settings. Each is read from, in this order: a system property ({@code -Dharness.*},
 * passed through by Maven or the launcher), the team's {@code flink-chaos.yaml} ({@link
 * ConfigFile}), the installation file the harness build writes (where it prepared Flink: {@code
 * -Dharness.installation}), and the default in code. Every problem is reported as one line saying
 * what is wrong and what to do.
 */
public final class HarnessSettings {

  public static final String PLATFORM = "harness.platform";
  public static final String FLINK_CLASSPATH_FILE = "harness.flink.classpath-file";
  public static final String LAUNCHER_JAR = "harness.flink.launcher-jar";
  public static final String FIXTURES_JAR = "harness.fixtures.jar";
  public static final String WORK_DIR = "harness.work-dir";
  public static final String REPORTS_DIR = "harness.reports-dir";
  public static final String KEEP_WORK_DIRS = "harness.keep-work-dirs";
  public static final String FAULT_SEED = "harness.fault-seed";
  public static final String OPERATOR_UPGRADE_TO = "harness.operator.upgrade-to";
  public static final String FLINK_UPGRADE_TO = "harness.flink.upgrade-to";
  public static final String PROJECT_DIR = "harness.project-dir";
  public static final String STORAGE = "harness.storage";
  public static final String FLINK_PLUGINS_DIR = "harness.flink.plugins-dir";
  public static final String S3PROXY_CLASSPATH_FILE = "harness.s3proxy.classpath-file";
  public static final String KAFKA_CLASSPATH_FILE = "harness.kafka.classpath-file";
  public static final String KAFKA_BOOTSTRAP = "harness.kafka.bootstrap";
  public static final String S3_ENDPOINT = "harness.s3.endpoint";
  public static final String S3_BUCKET = "harness.s3.bucket";
  public static final String S3_REGION = "harness.s3.region";
  public static final String FLINK_VERSION = "flink.version";
  public static final String DEFAULT_FLINK_VERSION = "1.20.3";
  public static final String FLINK_EXTRA_VERSIONS = "flink.extra.versions";
  public static final String FLINK_DISTS_DIR = "harness.flink.dists-dir";
  public static final String FIXTURES_BUILD_DIR = "harness.fixtures.build-dir";

  /** The directory of the feature files a run executes (the harness's own when unset). */
  public static final String FEATURES = "harness.features";

  /** Cucumber's tag expression selecting the scenarios. */
  public static final String TAGS = "cucumber.filter.tags";

  /** The properties file the harness build writes: where it prepared Flink and the fixtures. */
  public static final String INSTALLATION = "harness.installation";

  private static final String JOB_PREFIX = "harness.job.";

  private final Properties properties;
  private final Optional<ConfigFile> configFile;
  private final Properties installation;

  /** Settings from {@code properties} alone (no file, no installation). */
  public HarnessSettings(Properties properties) {
    this(properties, Optional.empty(), new Properties());
  }

  public HarnessSettings(
      Properties properties, Optional<ConfigFile> configFile, Properties installation) {
    this.properties = properties;
    this.configFile = configFile;
    this.installation = installation;
  }

  /**
   * Settings from the system properties, the {@code flink-chaos.yaml} they or the working directory
   * name, and the installation file {@code -Dharness.installation} names.
   */
  public static HarnessSettings fromSystemProperties() {
    Properties system = System.getProperties();
    return new HarnessSettings(
        system, ConfigFile.locate(system, Path.of("")), installation(system));
  }

  private static Properties installation(Properties system) {
    Properties installation = new Properties();
    String named = system.getProperty(INSTALLATION);
    if (named == null || named.isBlank()) {
      return installation;
    }
    Path path = Path.of(named.trim());
    try (java.io.Reader reader = Files.newBufferedReader(path)) {
      installation.load(reader);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "-D"
              + INSTALLATION
              + "="
              + named
              + " cannot be read ("
              + e
              + "): build the harness with 'mvn -B install -DskipTests' in its repository, which"
              + " writes it");
    }
    return installation;
  }

  /** The {@code flink-chaos.yaml} this run reads, if any. */
  public Optional<ConfigFile> configFile() {
    return configFile;
  }

  /** The Flink version the harness build prepared as its run version, if run from a build. */
  public Optional<String> installedFlinkVersion() {
    return Optional.ofNullable(installation.getProperty(FLINK_VERSION)).map(String::trim);
  }

  /** The feature files to run, if the run names its own ({@code features:} or -D). */
  public Optional<Path> featuresDir() {
    return Optional.ofNullable(lookup(FEATURES)).map(v -> Path.of(v.trim()).toAbsolutePath());
  }

  /** The scenarios' tag expression, if one is set. */
  public Optional<String> tags() {
    return Optional.ofNullable(lookup(TAGS)).map(String::trim);
  }

  /** The property key of a field of a job under {@code jobs:} in the config file. */
  public static String jobKey(String job, String field) {
    return JOB_PREFIX + job + "." + field;
  }

  /** The job {@code name} of the config file's {@code jobs:}, or a one-line error listing them. */
  public ConfiguredJob job(String name) {
    String jar = lookup(jobKey(name, "jar"));
    String entryClass = lookup(jobKey(name, "entry-class"));
    if (jar == null || entryClass == null) {
      java.util.Set<String> names = new java.util.TreeSet<>();
      for (Map<?, ?> layer :
          List.of(properties, configFile.map(ConfigFile::properties).orElse(Map.of()))) {
        for (Object key : layer.keySet()) {
          String k = key.toString();
          if (k.startsWith(JOB_PREFIX) && k.endsWith(".jar")) {
            names.add(k.substring(JOB_PREFIX.length(), k.length() - ".jar".length()));
          }
        }
      }
      throw new IllegalArgumentException(
          "no job '"
              + name
              + "' with a jar and an entry-class under jobs: in "
              + configFile
                  .map(f -> f.path().toString())
                  .orElse("the configuration (no flink-chaos.yaml)")
              + " (jobs: "
              + (names.isEmpty() ? "none" : String.join(", ", names))
              + ")");
    }
    return new ConfiguredJob(
        name, jar.trim(), entryClass.trim(), get(jobKey(name, "arguments"), ""));
  }

  public String platform() {
    return get(PLATFORM, "local").trim().toLowerCase(Locale.ROOT);
  }

  /** Where checkpoints, savepoints, HA data and job output live: {@code file} or {@code s3}. */
  public String storage() {
    String storage = get(STORAGE, "file").trim().toLowerCase(Locale.ROOT);
    if (!storage.equals("file") && !storage.equals("s3")) {
      throw new IllegalArgumentException(
          "unknown storage -D" + STORAGE + "=" + storage + ": use file or s3");
    }
    return storage;
  }

  /** The plugins/ directory of the local cluster (fixtures/flink-dist: the S3 file system). */
  public Path flinkPluginsDir() {
    String value = lookup(FLINK_PLUGINS_DIR);
    if (value == null || !Files.isDirectory(Path.of(value))) {
      throw new IllegalStateException(
          "-D"
              + FLINK_PLUGINS_DIR
              + " does not name a directory ("
              + value
              + "): run 'mvn verify' from the repository root, which lays it out");
    }
    return Path.of(value).toAbsolutePath().normalize();
  }

  /** The file listing s3proxy's jars (built by fixtures/s3proxy-dist). */
  public Path s3ProxyClasspathFile() {
    return existingFile(S3PROXY_CLASSPATH_FILE);
  }

  /** The file listing a Kafka broker's jars (built by fixtures/kafka-dist). */
  public Path kafkaClasspathFile() {
    return existingFile(KAFKA_CLASSPATH_FILE);
  }

  /**
   * The bootstrap servers of a Kafka cluster the user runs ({@code host:port[,host:port]}), reached
   * alike by the harness and by the Flink processes; empty: the platform's own broker.
   */
  public String kafkaBootstrap() {
    return get(KAFKA_BOOTSTRAP, "").trim();
  }

  /**
   * The S3 endpoint for {@code -Dharness.storage=s3}: empty for the embedded s3proxy, {@code aws}
   * for AWS S3, or the URL of an S3-compatible store such as MinIO.
   */
  public String s3Endpoint() {
    return get(S3_ENDPOINT, "").trim();
  }

  public String s3Bucket() {
    return get(S3_BUCKET, "flink-chaos").trim();
  }

  public String s3Region() {
    return get(S3_REGION, "us-east-1").trim();
  }

  /** The file listing the jars of the local Flink cluster (built by fixtures/flink-dist). */
  public Path flinkClasspathFile() {
    return existingFile(FLINK_CLASSPATH_FILE);
  }

  /** The jar holding the launcher that stops cluster processes when the harness dies. */
  public Path launcherJar() {
    return existingFile(LAUNCHER_JAR);
  }

  /** The fixture jobs jar (built by fixtures/jobs). */
  public Path fixturesJar() {
    return existingFile(FIXTURES_JAR);
  }

  /** The Flink version this run was built for ({@code -Dflink.version}). */
  public String flinkVersion() {
    return get(FLINK_VERSION, DEFAULT_FLINK_VERSION).trim();
  }

  /** Whether {@code version} is another Flink version than the run's own. */
  public boolean isOtherFlinkVersion(String version) {
    return version != null && !version.equals(flinkVersion());
  }

  /** The classpath file of {@code version}'s distribution: the run's, or an extra version's. */
  public Path flinkClasspathFile(String version) {
    return isOtherFlinkVersion(version)
        ? preparedVersionFile(FLINK_DISTS_DIR, version, "flink-classpath.txt")
        : flinkClasspathFile();
  }

  /** The plugins/ directory of {@code version}'s distribution. */
  public Path flinkPluginsDir(String version) {
    return isOtherFlinkVersion(version)
        ? preparedVersionFile(FLINK_DISTS_DIR, version, "plugins")
        : flinkPluginsDir();
  }

  /** The fixture jobs built for {@code version}. */
  public Path fixturesJar(String version) {
    return isOtherFlinkVersion(version)
        ? preparedVersionFile(FIXTURES_BUILD_DIR, version, "flink-chaos-fixture-jobs.jar")
        : fixturesJar();
  }

  /**
   * {@code name} in {@code flink-<version>/} under the directory {@code key} names, where
   * fixtures/extra-flink-versions builds each of {@code -Dflink.extra.versions}.
   */
  private Path preparedVersionFile(String key, String version, String name) {
    Path path = preparedPath(key, version, name);
    if (!Files.exists(path)) {
      throw new IllegalStateException(notPrepared(version, path));
    }
    return path;
  }

  private Path preparedPath(String key, String version, String name) {
    return Path.of(get(key, ""), "flink-" + version, name).toAbsolutePath().normalize();
  }

  /**
   * Why a cluster of {@code version} cannot start in this run (its distribution or fixture jobs
   * were not built); empty for the run's own version and for a prepared one.
   */
  public Optional<String> flinkVersionMissing(String version) {
    if (!isOtherFlinkVersion(version)) {
      return Optional.empty();
    }
    return java.util.stream.Stream.of(
            preparedPath(FLINK_DISTS_DIR, version, "flink-classpath.txt"),
            preparedPath(FIXTURES_BUILD_DIR, version, "flink-chaos-fixture-jobs.jar"))
        .filter(path -> !Files.exists(path))
        .findFirst()
        .map(path -> notPrepared(version, path));
  }

  private String notPrepared(String version, Path missing) {
    return "Flink "
        + version
        + " is not prepared in this build ("
        + missing
        + " is missing): add it to -D"
        + FLINK_EXTRA_VERSIONS
        + " (now '"
        + get(FLINK_EXTRA_VERSIONS, "")
        + "', run version "
        + flinkVersion()
        + ") and rebuild with 'mvn verify' from the repository root";
  }

  public Path workDir() {
    return Path.of(get(WORK_DIR, "target/flink-chaos")).toAbsolutePath().normalize();
  }

  /** The repository root: relative paths in scenarios (e.g. job jars) resolve against it. */
  public Path projectDir() {
    return Path.of(get(PROJECT_DIR, ".")).toAbsolutePath().normalize();
  }

  /** How many finished runs' work directories to keep for inspection (older ones are deleted). */
  public int keepWorkDirs() {
    String value = get(KEEP_WORK_DIRS, "3");
    try {
      int keep = Integer.parseInt(value.trim());
      if (keep < 0) {
        throw new NumberFormatException();
      }
      return keep;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + KEEP_WORK_DIRS + "=" + value + " is not a number >= 0: set it to e.g. 3");
    }
  }

  /**
   * The seed of random fault schedules: {@code -Dharness.fault-seed} to replay one, else random.
   */
  public long faultSeed() {
    String value = get(FAULT_SEED, "");
    if (value.isEmpty()) {
      return new java.util.Random().nextLong();
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D"
              + FAULT_SEED
              + "="
              + value
              + " is not a number: give the seed a red run logged, e.g. -D"
              + FAULT_SEED
              + "=42");
    }
  }

  /** The version "the operator is upgraded to the next version" upgrades to, if one is set. */
  public Optional<String> operatorUpgradeTarget() {
    String value = get(OPERATOR_UPGRADE_TO, "").trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** The Flink version "upgraded to … on the next Flink version" goes to, if one is set. */
  public Optional<String> flinkUpgradeTarget() {
    String value = get(FLINK_UPGRADE_TO, "").trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** {@code key}'s value: its system property, else the config file's, else the installation's. */
  public String get(String key, String fallback) {
    String value = lookup(key);
    return value == null ? fallback : value;
  }

  private String lookup(String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      value = configFile.map(file -> file.properties().get(key)).orElse(null);
    }
    if (value == null || value.isBlank()) {
      value = installation.getProperty(key);
    }
    return value == null || value.isBlank() ? null : value;
  }

  private Path existingFile(String key) {
    String value = lookup(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "-D"
              + key
              + " is not set: run the suite with 'mvn verify' from the repository root, which"
              + " builds the fixtures and sets it");
    }
    Path path = Path.of(value).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          "-D"
              + key
              + " points to "
              + path
              + ", which does not exist: run 'mvn verify' from the repository root so the"
              + " fixtures modules build it first");
    }
    return path;
  }
}
