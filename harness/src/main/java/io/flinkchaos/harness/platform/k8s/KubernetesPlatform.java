package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.kafka.ExternalKafka;
import io.flinkchaos.harness.kafka.KafkaService;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.MissingCapabilityException;
import io.flinkchaos.harness.platform.Platform;
import io.flinkchaos.harness.platform.StorageOutages;
import io.flinkchaos.harness.s3.S3Endpoint;
import io.flinkchaos.harness.s3.S3Storage;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the k3s and kubeconfig platforms share: in one namespace, the operator (installed with Helm,
 * or already there), MinIO, and one session cluster at a time, started on first use and reused
 * while scenarios ask for the same shape. Everything it creates is labelled {@code
 * app.kubernetes.io/managed-by=flink-chaos} and {@code flink-chaos/run-id=<run>} ({@link RunId});
 * {@link #close(boolean)} deletes this run's objects and nothing else.
 */
public abstract class KubernetesPlatform implements Platform {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesPlatform.class);
  private static final DateTimeFormatter RUN_NAME =
      DateTimeFormatter.ofPattern("'run-'yyyyMMdd-HHmmss");
  static final String OPERATOR_NAMESPACE = "harness.operator.namespace";

  /** {@code true} when cert-manager runs in the cluster: the operator's webhook is installed. */
  static final String CERT_MANAGER = "harness.operator.certManager";

  static final String SESSION_JOB_CRD = "flinksessionjobs.flink.apache.org";

  /**
   * Age (ISO-8601 like {@code PT6H}, or {@code 6h}/{@code 90m}) beyond which start-up deletes the
   * leftovers of earlier runs in the namespace; unset (the default): earlier runs are never
   * touched.
   */
  static final String DELETE_RUNS_OLDER_THAN = "harness.k8s.deleteRunsOlderThan";

  protected final HarnessSettings harness;
  protected final K8sSettings settings;
  protected final KubernetesClient client;
  private final String kubeconfigYaml;
  private final String operatorNamespace;
  private final String runId;
  private final RunId run;
  private OperatorInstaller operator;
  private String operatorVersion;
  private InClusterMinio minio;
  private MinioJarDelivery jars;
  private S3Storage storage;
  private KubernetesCluster cluster;
  private int clustersStarted;

  protected KubernetesPlatform(
      HarnessSettings harness,
      K8sSettings settings,
      KubernetesClient client,
      String kubeconfigYaml) {
    this.harness = harness;
    this.settings = settings;
    this.client = client;
    this.kubeconfigYaml = kubeconfigYaml;
    this.operatorNamespace = harness.get(OPERATOR_NAMESPACE, settings.namespace()).trim();
    this.runId = LocalDateTime.now().format(RUN_NAME) + "-" + ProcessHandle.current().pid();
    this.run = RunId.generate(LocalDateTime.now());
    LOG.info(
        "Run id {}: objects labelled {}={} in namespace {}",
        run,
        RunId.LABEL,
        run,
        settings.namespace());
  }

  /**
   * The user's Kafka only: the pods and this machine must both reach {@code
   * -Dharness.kafka.bootstrap}. A broker inside the namespace is not built yet.
   */
  @Override
  public Capability<KafkaService> kafka() {
    String bootstrap = harness.kafkaBootstrap();
    return bootstrap.isEmpty()
        ? Capability.missing(
            "needs a Kafka that the Flink pods and this machine both reach: run with -D"
                + HarnessSettings.KAFKA_BOOTSTRAP
                + "=host:port (no broker is deployed into the namespace yet)")
        : Capability.of(new ExternalKafka(bootstrap));
  }

  /** This run's id, on every object it creates. */
  public RunId run() {
    return run;
  }

  /**
   * Removes leftovers of earlier runs only when asked ({@value #DELETE_RUNS_OLDER_THAN}), installs
   * the operator if asked (or checks it is there), and starts MinIO. Subclasses call it once their
   * client works.
   */
  protected void prepare() {
    deleteRunsOlderThan(harness.get(DELETE_RUNS_OLDER_THAN, ""))
        .ifPresent(
            age ->
                ManagedObjects.deleteStaleRuns(
                    client,
                    settings.namespace(),
                    run,
                    age,
                    java.time.Instant.now(),
                    settings.timeouts().infrastructure()));
    if (settings.kind() == DeploymentKind.STANDALONE) {
      LOG.info(
          "Deployment kind standalone: no operator is installed or needed in {}",
          settings.namespace());
    } else if (settings.installOperator()) {
      operator =
          new OperatorInstaller(
              client,
              kubeconfigYaml,
              operatorNamespace,
              harness.workDir().resolve(runId).resolve("helm"));
      operator.install(settings.operatorVersion(), OperatorValues.of(settings, certManager()));
      operatorVersion = settings.operatorVersion();
    } else if (client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(SESSION_JOB_CRD)
            .get()
        == null) {
      throw new IllegalStateException(
          "the cluster has no "
              + SESSION_JOB_CRD
              + " CRD: install the Flink Kubernetes Operator"
              + " or run with -D"
              + K8sSettings.INSTALL_OPERATOR
              + "=true");
    }
    minio = InClusterMinio.deploy(client, settings, run);
  }

  /**
   * The age of {@value #DELETE_RUNS_OLDER_THAN}, empty when unset; one-line error when malformed.
   */
  static Optional<java.time.Duration> deleteRunsOlderThan(String value) {
    String v = value.trim();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      java.time.Duration age =
          v.toUpperCase(java.util.Locale.ROOT).startsWith("P")
              ? java.time.Duration.parse(v)
              : java.time.Duration.parse("PT" + v.toUpperCase(java.util.Locale.ROOT));
      if (age.isNegative() || age.isZero()) {
        throw new IllegalArgumentException("not positive");
      }
      return Optional.of(age);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "-D"
              + DELETE_RUNS_OLDER_THAN
              + "="
              + value
              + " is not a positive age: use e.g. 6h, 90m or PT6H (unset: earlier runs are kept)");
    }
  }

  @Override
  public synchronized KubernetesCluster cluster(ClusterSpec spec) {
    if (spec.flinkVersion() != null) {
      throw new MissingCapabilityException(
          "a session cluster of Flink "
              + spec.flinkVersion()
              + " beside the run's: on Kubernetes the image and flinkVersion follow -Dflink.version"
              + " for the whole run; run the scenario on the local platform");
    }
    if (cluster != null && cluster.spec().equals(spec)) {
      cluster.awaitReady();
      return cluster;
    }
    if (cluster != null) {
      LOG.info("Replacing {} with a session cluster of {}", cluster, spec);
      closeCluster();
    }
    clustersStarted++;
    // Unique per run: parallel runs in one namespace never share a FlinkDeployment or its pods.
    String name = "fc-" + run + "-" + clustersStarted;
    storage =
        new S3Storage(
            storageEndpoint(), settings.bucket(), runId + "/" + name, null, storageOutages());
    cluster =
        settings.kind() == DeploymentKind.STANDALONE
            ? new StandaloneFlinkCluster(
                    client,
                    settings.namespace(),
                    name,
                    spec,
                    storage,
                    new StandaloneManifests(settings, run.labels()),
                    settings.timeouts(),
                    nodeShell(),
                    run.labels())
                .apply(minio.inClusterEndpoint(), minio.secretName())
            : new KubernetesFlinkCluster(
                    client,
                    settings.namespace(),
                    operatorNamespace,
                    name,
                    spec,
                    storage,
                    new FlinkManifests(settings, run.labels()),
                    jars(),
                    settings.timeouts(),
                    nodeShell(),
                    this::upgradeOperator,
                    run.labels(),
                    settings.mode())
                .apply(minio.inClusterEndpoint(), minio.secretName());
    try {
      cluster.awaitReady(settings.timeouts().infrastructure());
    } catch (RuntimeException e) {
      LOG.warn("{} did not become ready: {}", cluster, e.getMessage());
      throw e;
    }
    return cluster;
  }

  /**
   * Where the harness reads state and output: the in-cluster MinIO through a port-forward, or with
   * {@code -Dharness.s3.endpoint=aws} your own bucket on AWS S3 through the AWS default credential
   * chain (the pods use their own identity; the harness injects no keys).
   */
  private S3Endpoint storageEndpoint() {
    return settings.awsStorage()
        ? new S3Endpoint(null, settings.s3Region(), null, null)
        : minio.endpoint();
  }

  /**
   * Outages of the in-cluster MinIO from the node ({@link MinioOutages}): missing with your own S3
   * or without node access.
   */
  private Capability<StorageOutages> storageOutages() {
    return MinioOutages.on(
        settings.awsStorage(),
        nodeShell(),
        node ->
            new MinioOutages(client, settings.namespace(), minio.name(), node, this::flinkPods));
  }

  /** The Flink pods of the cluster running now; none before one started. */
  private List<Pod> flinkPods() {
    KubernetesCluster running = current();
    return running == null ? List.of() : running.flinkPods();
  }

  /**
   * A shell on the node that runs the Flink pods, for what only the node can do: freezing a process
   * (SIGSTOP to PID 1 of its container), routes in a pod's network namespace (partitions, MinIO
   * refusing), stopping MinIO; a cluster reached through a kubeconfig offers none.
   */
  protected Capability<NodeShell> nodeShell() {
    return Capability.missing(
        "needs node access to stop PID 1 of a container (k3s has it; a kubeconfig cluster does"
            + " not): run with -Dharness.platform=k3s");
  }

  /** The running cluster, if one was started. */
  public synchronized KubernetesCluster current() {
    return cluster;
  }

  /** The operator's jar delivery to MinIO, made on first use (a standalone cluster needs none). */
  private MinioJarDelivery jars() {
    if (jars == null) {
      jars =
          new MinioJarDelivery(
              minio.endpoint().client(), settings.bucket(), minio.inClusterEndpoint());
    }
    return jars;
  }

  /**
   * Upgrades the operator installed by this platform to {@code newVersion}: CRDs first, then {@code
   * helm upgrade}. Running session clusters and jobs stay. Returns the version it replaced.
   */
  public synchronized String upgradeOperator(String newVersion) {
    if (operator == null) {
      throw new MissingCapabilityException(
          "needs an operator the harness installed: run with -D"
              + K8sSettings.INSTALL_OPERATOR
              + "=true to let it upgrade the operator");
    }
    if (newVersion.equals(operatorVersion)) {
      throw new MissingCapabilityException(
          "needs another version than the installed "
              + operatorVersion
              + ": set -D"
              + HarnessSettings.OPERATOR_UPGRADE_TO
              + " to a newer one");
    }
    String replaced = operatorVersion;
    LOG.info("Upgrading the Flink Kubernetes Operator {} -> {}", operatorVersion, newVersion);
    operator.upgrade(
        newVersion,
        OperatorValues.of(
            settings.operatorImageRepository(),
            newVersion,
            java.util.List.of(settings.namespace()),
            certManager()));
    operatorVersion = newVersion;
    return replaced;
  }

  private boolean certManager() {
    return Boolean.parseBoolean(harness.get(CERT_MANAGER, "false").trim());
  }

  @Override
  public Optional<String> operatorVersion() {
    return Optional.ofNullable(operatorVersion);
  }

  @Override
  public Optional<String> controlPlaneMissing() {
    return Optional.empty();
  }

  @Override
  public synchronized Optional<FlinkCluster> runningCluster() {
    return Optional.ofNullable(cluster);
  }

  @Override
  public synchronized void discardCluster(String reason) {
    if (cluster != null) {
      LOG.warn("Discarding the session cluster ({}): {}", cluster.spec(), reason);
      closeCluster();
    }
  }

  private void closeCluster() {
    cluster.close();
    cluster = null;
    if (storage != null) {
      if (settings.awsStorage()) {
        storage.deleteAll(); // a bucket that outlives the run keeps nothing of it (as locally)
      }
      storage.close();
      storage = null;
    }
  }

  @Override
  public synchronized void close(boolean keepEvidence) {
    try {
      if (cluster != null) {
        closeCluster();
      }
      ManagedObjects.deleteRun(
          client, settings.namespace(), run, settings.timeouts().infrastructure());
      if (jars != null) {
        jars.close();
      }
      if (minio != null) {
        minio.close();
      }
      if (operator != null && uninstallOperatorOnClose()) {
        operator.uninstall();
      }
    } catch (RuntimeException e) {
      LOG.warn("Cleaning up namespace {} failed: {}", settings.namespace(), e.toString());
    } finally {
      client.close();
      closeInfrastructure(keepEvidence);
    }
  }

  /** Whether {@link #close(boolean)} uninstalls an operator this platform installed. */
  protected abstract boolean uninstallOperatorOnClose();

  /** Stops what the subclass started (the k3s container), after the namespace was cleaned. */
  protected void closeInfrastructure(boolean keepEvidence) {}

  protected Path workDir() {
    return harness.workDir().resolve(runId);
  }
}
