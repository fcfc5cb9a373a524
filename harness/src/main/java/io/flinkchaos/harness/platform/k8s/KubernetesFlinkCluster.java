package io.flinkchaos.harness.platform.k8s;

import static io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkchaos.harness.flink.FlinkRestClient;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ControlPlane;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.JobLifecycle;
import io.flinkchaos.harness.platform.ProcessFaults;
import io.flinkchaos.harness.platform.ProcessEvents;
import io.flinkchaos.harness.platform.ProcessFreezer;
import io.flinkchaos.harness.flink.FlinkRest;
import io.flinkchaos.harness.platform.Storage;
import io.flinkchaos.harness.platform.k8s.K8sSettings.K8sTimeouts;
import io.flinkchaos.harness.report.Evidence;
import io.flinkchaos.harness.upgrade.SnapshotKind;
import io.flinkchaos.harness.upgrade.UpgradeException;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink session cluster run by the Flink Kubernetes Operator: a FlinkDeployment without a job,
 * and one FlinkSessionJob per deployed job. Jobs are deployed, upgraded, suspended and resumed by
 * editing FlinkSessionJobs and waiting for the operator's status; faults delete pods. The mock API
 * server in the unit tests plays the operator by writing that status itself.
 */
public final class KubernetesFlinkCluster
    implements FlinkCluster, ProcessFaults, JobLifecycle, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesFlinkCluster.class);

  public static final int REST_PORT = 8081;
  static final int LOG_TAIL_LINES = 300;
  static final String OPERATOR_POD_LABEL = "app.kubernetes.io/name";
  static final String OPERATOR_POD_LABEL_VALUE = "flink-kubernetes-operator";

  /** What the operator writes as upgradeSavepointPath for an HA-based last-state restore. */
  static final String LAST_STATE_MARKER = "KUBERNETES_OPERATOR_LAST_STATE";

  /** The upgrade mode session jobs are created with; upgrades set their own. */
  static final UpgradeMode DEPLOY_UPGRADE_MODE = UpgradeMode.SAVEPOINT;

  private final KubernetesClient client;
  private final String namespace;
  private final String operatorNamespace;
  private final String name;
  private final ClusterSpec spec;
  private final Storage storage;
  private final FlinkManifests manifests;
  private final JarDelivery jars;
  private final K8sTimeouts timeouts;
  private final AtomicInteger jobsDeployed = new AtomicInteger();
  private final Map<JobID, String> sessionJobOf = new LinkedHashMap<>();
  private final Map<UpgradeOutcome, Suspension> suspensions = new LinkedHashMap<>();
  private LocalPortForward restForward;
  private String restForwardPod;
  private FlinkRestClient rest;
  private SessionJobWatch sessionJobWatch;

  private record Suspension(String sessionJob, String jobId) {}

  public KubernetesFlinkCluster(
      KubernetesClient client,
      String namespace,
      String operatorNamespace,
      String name,
      ClusterSpec spec,
      Storage storage,
      FlinkManifests manifests,
      JarDelivery jars,
      K8sTimeouts timeouts) {
    this.client = client;
    this.namespace = namespace;
    this.operatorNamespace = operatorNamespace;
    this.name = name;
    this.spec = spec;
    this.storage = storage;
    this.manifests = manifests;
    this.jars = jars;
    this.timeouts = timeouts;
  }

  /**
   * Applies the session cluster's FlinkDeployment (created, or replaced if present). Strict field
   * validation: the API server rejects a field the operator's CRD does not know, instead of
   * silently pruning it.
   */
  public KubernetesFlinkCluster apply(URI inClusterS3, String credentialsSecret) {
    GenericKubernetesResource deployment =
        manifests.sessionCluster(name, spec, storage, inClusterS3, credentialsSecret);
    FlinkResources.deployments(client)
        .inNamespace(namespace)
        .resource(deployment)
        .fieldValidation(STRICT)
        .createOr(op -> op.update());
    LOG.info("Applied FlinkDeployment {}/{} ({})", namespace, name, spec);
    return this;
  }

  public String name() {
    return name;
  }

  public String namespace() {
    return namespace;
  }

  @Override
  public ClusterSpec spec() {
    return spec;
  }

  @Override
  public synchronized FlinkRest rest() {
    String jobManager =
        jobManagerPods().stream()
            .map(p -> p.getMetadata().getName())
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no JobManager pod of FlinkDeployment "
                            + namespace
                            + "/"
                            + name
                            + " (labels app="
                            + name
                            + ",component=jobmanager)"));
    // A service port-forward binds to the pod chosen when it is opened: renew it when the
    // JobManager pod was replaced (a kill, an HA failover) or the forward broke.
    if (restForward == null
        || !jobManager.equals(restForwardPod)
        || !restForward.isAlive()
        || restForward.errorOccurred()) {
      closeRest();
      restForward =
          client.services().inNamespace(namespace).withName(name + "-rest").portForward(REST_PORT);
      restForwardPod = jobManager;
      rest = new FlinkRestClient("127.0.0.1", restForward.getLocalPort());
      LOG.info(
          "Flink REST of {} via port-forward 127.0.0.1:{} -> {}-rest:{} ({})",
          name,
          restForward.getLocalPort(),
          name,
          REST_PORT,
          jobManager);
    }
    return rest;
  }

  @Override
  public Storage storage() {
    return storage;
  }

  @Override
  public DeployedJob deploy(JobSpec job, String restorePath) {
    String sessionJob = sessionJobName(job);
    String initial = restorePath == null ? null : storage.restorePath(restorePath);
    GenericKubernetesResource resource =
        manifests.sessionJob(
            sessionJob, name, job, jars.jarUri(job.jar()), initial, DEPLOY_UPGRADE_MODE);
    Instant submittedAt = Instant.now();
    FlinkResources.sessionJobs(client)
        .inNamespace(namespace)
        .resource(resource)
        .fieldValidation(STRICT)
        .create();
    SessionJobStatus status =
        Waits.until(
            "FlinkSessionJob " + namespace + "/" + sessionJob + " RUNNING with a job id",
            timeouts.deploy(),
            () -> observe(sessionJob),
            SessionJobStatus::running,
            SessionJobStatus::terminalProblem);
    JobID jobId = JobID.fromHexString(status.jobId());
    synchronized (this) {
      sessionJobOf.put(jobId, sessionJob);
    }
    LOG.info("Deployed {} as FlinkSessionJob {} (job {})", job, sessionJob, jobId);
    return new DeployedJob(jobId, job, submittedAt, restorePath);
  }

  private String sessionJobName(JobSpec job) {
    String base =
        (name + "-" + job.name()).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    String suffix = "-" + jobsDeployed.incrementAndGet();
    base = base.substring(0, Math.min(base.length(), 63 - suffix.length()));
    return base.replaceAll("-+$", "") + suffix;
  }

  /**
   * The FlinkSessionJob's status as last delivered by the informer, or {@link
   * SessionJobStatus#MISSING}.
   */
  public SessionJobStatus observe(String sessionJob) {
    return sessionJobWatch().status(sessionJob);
  }

  private synchronized SessionJobWatch sessionJobWatch() {
    if (sessionJobWatch == null) {
      sessionJobWatch = new SessionJobWatch(client, namespace);
    }
    return sessionJobWatch;
  }

  private Resource<GenericKubernetesResource> sessionJobResource(String sessionJob) {
    return FlinkResources.sessionJobs(client).inNamespace(namespace).withName(sessionJob);
  }

  /** The FlinkSessionJob that runs {@code job}. */
  public synchronized String sessionJobOf(DeployedJob job) {
    String sessionJob = sessionJobOf.get(job.jobId());
    if (sessionJob == null) {
      throw new IllegalArgumentException(
          "job " + job.jobId() + " was not deployed by this harness on " + namespace + "/" + name);
    }
    return sessionJob;
  }

  @Override
  public void cancel(DeployedJob job) {
    String sessionJob = sessionJobOf(job);
    sessionJobResource(sessionJob).delete();
    Waits.until(
        "FlinkSessionJob " + namespace + "/" + sessionJob + " deleted (its job cancelled)",
        timeouts.deploy(),
        () -> observe(sessionJob),
        status -> !status.exists());
    synchronized (this) {
      sessionJobOf.remove(job.jobId());
    }
  }

  /** Flink on native Kubernetes uses the TaskManager pod's name as its resource id. */
  @Override
  public SortedSet<Integer> taskManagersRunning(JobID job) {
    Set<String> hosts = rest().taskManagersRunning(job);
    List<Pod> pods = taskManagerPods();
    SortedSet<Integer> indexes = new TreeSet<>();
    for (int i = 0; i < pods.size(); i++) {
      if (hosts.contains(pods.get(i).getMetadata().getName())) {
        indexes.add(i + 1);
      }
    }
    return indexes;
  }

  @Override
  public void killTaskManager(int index) {
    deletePodNow(taskManagerPod(index), "TaskManager " + index);
  }

  /** The {@code index}-th TaskManager pod (1-based, by name). */
  private Pod taskManagerPod(int index) {
    List<Pod> pods = taskManagerPods();
    if (index < 1 || index > pods.size()) {
      throw new IllegalArgumentException(
          "no TaskManager "
              + index
              + " in "
              + namespace
              + "/"
              + name
              + ": there are "
              + pods.size()
              + " ("
              + names(pods)
              + ")");
    }
    return pods.get(index - 1);
  }

  @Override
  public void killJobManager() {
    List<Pod> pods = jobManagerPods();
    if (pods.isEmpty()) {
      throw new IllegalStateException(
          "no JobManager pod in "
              + namespace
              + " with labels app="
              + name
              + ",component=jobmanager");
    }
    pods.forEach(pod -> deletePodNow(pod, "JobManager"));
  }

  /** Deletes the operator's pod (its Deployment starts a new one): reconciliation pauses. */
  public void killOperator() {
    List<Pod> pods =
        client
            .pods()
            .inNamespace(operatorNamespace)
            .withLabel(OPERATOR_POD_LABEL, OPERATOR_POD_LABEL_VALUE)
            .list()
            .getItems();
    if (pods.isEmpty()) {
      throw new IllegalStateException(
          "no operator pod in namespace "
              + operatorNamespace
              + " with label "
              + OPERATOR_POD_LABEL
              + "="
              + OPERATOR_POD_LABEL_VALUE);
    }
    pods.forEach(pod -> deletePodNow(pod, "operator"));
  }

  /**
   * Sends SIGTERM to PID 1 of the JobManager's main container ({@code kill 1}): the process dies
   * and the kubelet restarts the container in the same pod, unlike a pod deletion.
   */
  public void killJobManagerProcess() {
    Pod pod =
        jobManagerPods().stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no JobManager pod in "
                            + namespace
                            + " with labels app="
                            + name
                            + ",component=jobmanager"));
    killMainProcess(pod.getMetadata().getName(), FlinkManifests.MAIN_CONTAINER);
  }

  /** Runs {@code kill 1} in {@code container} of {@code pod}, bounded by the ready timeout. */
  public void killMainProcess(String pod, String container) {
    LOG.info("kill 1 in {}/{} container {}", namespace, pod, container);
    try (ExecWatch exec =
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod)
            .inContainer(container)
            .exec("kill", "1")) {
      Integer code = exec.exitCode().get(timeouts.ready().toMillis(), TimeUnit.MILLISECONDS);
      if (code != null && code != 0) {
        throw new IllegalStateException(
            "kill 1 in " + namespace + "/" + pod + " (" + container + ") exited with " + code);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "kill 1 in "
              + namespace
              + "/"
              + pod
              + " did not finish within "
              + Waits.format(timeouts.ready()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running kill 1 in " + pod, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(
          "kill 1 in " + namespace + "/" + pod + " failed: " + e.getCause(), e);
    }
  }

  private void deletePodNow(Pod pod, String role) {
    LOG.info(
        "Deleting {} pod {}/{} with grace period 0", role, namespace, pod.getMetadata().getName());
    client
        .pods()
        .inNamespace(
            pod.getMetadata().getNamespace() == null ? namespace : pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .withGracePeriod(0)
        .delete();
  }

  /** TaskManager pods of this cluster, sorted by name (index 1 is the first). */
  public List<Pod> taskManagerPods() {
    return pods("taskmanager");
  }

  public List<Pod> jobManagerPods() {
    return pods("jobmanager");
  }

  private List<Pod> pods(String component) {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel("app", name)
        .withLabel("component", component)
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .toList();
  }

  private static String names(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.joining(", "));
  }

  /** Name of the ResourceQuota that keeps a TaskManager down. */
  String downQuotaName() {
    return name + "-taskmanager-down";
  }

  /**
   * Takes TaskManager {@code index} away without a replacement: a ResourceQuota caps the
   * namespace's pods at the current count minus one, then the pod is deleted. Flink's native
   * ResourceManager asks for a new pod and keeps retrying while the API server rejects it (the
   * quota also blocks any other new pod in the namespace meanwhile).
   */
  @Override
  public void takeTaskManagerDown(int index) {
    Pod pod = taskManagerPod(index);
    long running =
        client.pods().inNamespace(namespace).list().getItems().stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
            .filter(
                p ->
                    p.getStatus() == null
                        || !List.of("Succeeded", "Failed").contains(p.getStatus().getPhase()))
            .count();
    ResourceQuota quota =
        new ResourceQuotaBuilder()
            .withNewMetadata()
            .withName(downQuotaName())
            .withNamespace(namespace)
            .addToLabels(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE)
            .endMetadata()
            .withNewSpec()
            .addToHard("pods", new Quantity(Long.toString(running - 1)))
            .endSpec()
            .build();
    client.resourceQuotas().inNamespace(namespace).resource(quota).createOr(op -> op.update());
    deletePodNow(pod, "TaskManager " + index + " (kept down by quota pods=" + (running - 1) + ")");
  }

  /** Removes the quota: Flink's next pod request succeeds and the TaskManager comes back. */
  @Override
  public void bringTaskManagerBack(int index) {
    client.resourceQuotas().inNamespace(namespace).withName(downQuotaName()).delete();
    awaitReady();
  }

  @Override
  public UpgradeOutcome upgrade(
      DeployedJob current, JobSpec next, UpgradeMode mode, Runnable whileSnapshotting) {
    String sessionJob = sessionJobOf(current);
    String oldJobId = current.jobId().toHexString();
    // observe
    SessionJobStatus before = observe(sessionJob);
    if (!before.exists()) {
      throw new UpgradeException(
          "cannot upgrade "
              + current
              + ": FlinkSessionJob "
              + namespace
              + "/"
              + sessionJob
              + " no longer exists");
    }
    // act
    Instant startedAt = Instant.now();
    String jarUri = jars.jarUri(next.jar());
    sessionJobResource(sessionJob)
        .edit(
            resource -> {
              Map<String, Object> spec = Tree.map(resource.getAdditionalProperties(), "spec");
              FlinkManifests.applyJob(spec, next, jarUri, mode);
              Tree.map(spec, "job").put("state", "running");
              spec.put("restartNonce", nextNonce(spec.get("restartNonce")));
              return resource;
            });
    String what = mode + " upgrade of FlinkSessionJob " + namespace + "/" + sessionJob;
    Waits.until(
        "the operator to start the " + what + " (job " + oldJobId + " no longer RUNNING)",
        timeouts.upgrade(),
        () -> observe(sessionJob),
        s ->
            !Objects.equals(s.jobId(), oldJobId)
                || !"RUNNING".equals(s.jobState())
                || "UPGRADING".equals(s.lifecycleState())
                || "UPGRADING".equals(s.reconciliationState()),
        SessionJobStatus::terminalProblem);
    whileSnapshotting.run();
    SessionJobStatus after =
        Waits.until(
            "the " + what + " to run a new job, reconciled",
            timeouts.upgrade(),
            () -> observe(sessionJob),
            s -> s.runningNewJob(oldJobId),
            SessionJobStatus::terminalProblem);
    Snapshot snapshot = snapshotOf(mode, before, after);
    DeployedJob job =
        new DeployedJob(JobID.fromHexString(after.jobId()), next, startedAt, snapshot.path());
    synchronized (this) {
      sessionJobOf.remove(current.jobId());
      sessionJobOf.put(job.jobId(), sessionJob);
    }
    return new UpgradeOutcome(
        mode,
        snapshot.applied(),
        job,
        snapshot.kind(),
        snapshot.path(),
        List.of(),
        startedAt,
        Instant.now());
  }

  record Snapshot(UpgradeMode applied, SnapshotKind kind, String path) {}

  /**
   * What the operator restored from, as its status says: {@code upgradeSavepointPath} (or the last
   * savepoint's location). A checkpoint path ({@code chk-N}) after a savepoint request means the
   * operator fell back to last-state (the job was not running).
   */
  static Snapshot snapshotOf(UpgradeMode mode, SessionJobStatus before, SessionJobStatus after) {
    if (mode == UpgradeMode.STATELESS) {
      return new Snapshot(mode, SnapshotKind.NONE, null);
    }
    String path =
        after.upgradeSavepointPath() != null
            ? after.upgradeSavepointPath()
            : after.lastSavepointPath();
    boolean stale =
        path != null && mode == UpgradeMode.SAVEPOINT && path.equals(before.upgradeSavepointPath());
    if (path == null || stale) {
      return new Snapshot(mode, SnapshotKind.NONE, null);
    }
    if (path.equals(LAST_STATE_MARKER)) {
      // The operator's marker for "the JobManager restores the latest checkpoint from HA data".
      return new Snapshot(UpgradeMode.LAST_STATE, SnapshotKind.CHECKPOINT, null);
    }
    if (path.matches(".*/chk-\\d+/?(_metadata)?$")) {
      return new Snapshot(UpgradeMode.LAST_STATE, SnapshotKind.CHECKPOINT, path);
    }
    return new Snapshot(mode, SnapshotKind.SAVEPOINT, path);
  }

  private static long nextNonce(Object current) {
    return current instanceof Number n ? n.longValue() + 1 : 1;
  }

  @Override
  public UpgradeOutcome suspend(DeployedJob current, UpgradeMode mode) {
    String sessionJob = sessionJobOf(current);
    SessionJobStatus before = observe(sessionJob);
    Instant startedAt = Instant.now();
    sessionJobResource(sessionJob)
        .edit(
            resource -> {
              Map<String, Object> job = Tree.map(resource.getAdditionalProperties(), "spec", "job");
              job.put("state", "suspended");
              job.put("upgradeMode", mode.label());
              return resource;
            });
    SessionJobStatus after =
        Waits.until(
            "FlinkSessionJob " + namespace + "/" + sessionJob + " SUSPENDED (" + mode + ")",
            timeouts.upgrade(),
            () -> observe(sessionJob),
            SessionJobStatus::suspended,
            s -> "FAILED".equals(s.lifecycleState()) ? s.terminalProblem() : null);
    Snapshot snapshot = snapshotOf(mode, before, after);
    UpgradeOutcome outcome =
        new UpgradeOutcome(
            mode,
            snapshot.applied(),
            null,
            snapshot.kind(),
            snapshot.path(),
            List.of(),
            startedAt,
            Instant.now());
    synchronized (this) {
      sessionJobOf.remove(current.jobId());
      suspensions.put(outcome, new Suspension(sessionJob, current.jobId().toHexString()));
    }
    return outcome;
  }

  @Override
  public DeployedJob resume(UpgradeOutcome suspension, JobSpec job) {
    Suspension suspended;
    synchronized (this) {
      suspended = suspensions.remove(suspension);
    }
    if (suspended == null) {
      throw new IllegalArgumentException(
          "not a suspension made by this harness on " + namespace + "/" + name + ": " + suspension);
    }
    Instant startedAt = Instant.now();
    String jarUri = jars.jarUri(job.jar());
    sessionJobResource(suspended.sessionJob())
        .edit(
            resource -> {
              Map<String, Object> spec = Tree.map(resource.getAdditionalProperties(), "spec");
              FlinkManifests.applyJob(spec, job, jarUri, suspension.requested());
              Tree.map(spec, "job").put("state", "running");
              return resource;
            });
    SessionJobStatus after =
        Waits.until(
            "FlinkSessionJob "
                + namespace
                + "/"
                + suspended.sessionJob()
                + " resumed: a new job"
                + " RUNNING",
            timeouts.upgrade(),
            () -> observe(suspended.sessionJob()),
            s -> s.runningNewJob(suspended.jobId()),
            SessionJobStatus::terminalProblem);
    DeployedJob resumed =
        new DeployedJob(
            JobID.fromHexString(after.jobId()), job, startedAt, suspension.snapshotPath());
    synchronized (this) {
      sessionJobOf.put(resumed.jobId(), suspended.sessionJob());
    }
    return resumed;
  }

  @Override
  public int registeredTaskManagers() {
    return rest().overview().getNumTaskManagersConnected();
  }

  /** The FlinkDeployment's {@code status.jobManagerDeploymentStatus} (READY when usable). */
  public String jobManagerDeploymentStatus() {
    GenericKubernetesResource deployment =
        FlinkResources.deployments(client).inNamespace(namespace).withName(name).get();
    if (deployment == null) {
      return "no such FlinkDeployment";
    }
    String status =
        Tree.string(deployment.getAdditionalProperties(), "status", "jobManagerDeploymentStatus");
    String error = Tree.string(deployment.getAdditionalProperties(), "status", "error");
    return (status == null ? "(no status yet)" : status)
        + (error == null ? "" : ", error " + error);
  }

  @Override
  public void awaitReady() {
    awaitReady(timeouts.ready());
  }

  public void awaitReady(Duration atMost) {
    Waits.until(
        "FlinkDeployment " + namespace + "/" + name + " jobManagerDeploymentStatus READY",
        atMost,
        this::jobManagerDeploymentStatus,
        status -> status.startsWith("READY"));
    Waits.until(
        spec.taskManagers()
            + " TaskManagers registered with the JobManager of "
            + namespace
            + "/"
            + name,
        atMost,
        this::registeredTaskManagers,
        registered -> registered >= spec.taskManagers());
  }

  private ControlPlane controlPlane;

  /** Set by the platform, which owns the operator's installation. */
  void controlPlane(ControlPlane controlPlane) {
    this.controlPlane = controlPlane;
  }

  @Override
  public ProcessFaults processes() {
    return this;
  }

  @Override
  public JobLifecycle jobs() {
    return this;
  }

  @Override
  public Capability<ControlPlane> controlPlane() {
    return Capability.of(controlPlane);
  }

  @Override
  public Capability<ProcessEvents> processEvents() {
    return Capability.missing(
        "needs a platform whose processes the harness supervises itself (the local platform)");
  }

  @Override
  public Capability<ProcessFreezer> freezer() {
    return Capability.missing("is not built yet");
  }

  @Override
  public void collectEvidence(Evidence evidence) {
    String prefix = "k8s " + namespace + "/";
    evidence.add(
        prefix + name + " FlinkDeployment",
        safely(
            () ->
                Serialization.asYaml(
                    FlinkResources.deployments(client)
                        .inNamespace(namespace)
                        .withName(name)
                        .get())));
    List<String> sessionJobs;
    synchronized (this) {
      sessionJobs = new ArrayList<>(sessionJobOf.values());
      suspensions.values().forEach(s -> sessionJobs.add(s.sessionJob()));
    }
    for (String sessionJob : sessionJobs) {
      evidence.add(
          prefix + sessionJob + " FlinkSessionJob",
          safely(() -> Serialization.asYaml(sessionJobResource(sessionJob).get())));
    }
    evidence.add(
        prefix + " FlinkSessionJob status changes",
        safely(() -> String.join("\n", sessionJobWatch().transitions())));
    evidence.add(prefix + " events", safely(this::events));
    List<Pod> pods = new ArrayList<>(safelyList(this::jobManagerPods));
    pods.addAll(safelyList(this::taskManagerPods));
    pods.addAll(
        safelyList(
            () ->
                client
                    .pods()
                    .inNamespace(operatorNamespace)
                    .withLabel(OPERATOR_POD_LABEL, OPERATOR_POD_LABEL_VALUE)
                    .list()
                    .getItems()));
    for (Pod pod : pods) {
      String podNamespace =
          pod.getMetadata().getNamespace() == null ? namespace : pod.getMetadata().getNamespace();
      evidence.add(
          "k8s "
              + podNamespace
              + "/"
              + pod.getMetadata().getName()
              + " log (last "
              + LOG_TAIL_LINES
              + " lines)",
          safely(
              () ->
                  client
                      .pods()
                      .inNamespace(podNamespace)
                      .withName(pod.getMetadata().getName())
                      .tailingLines(LOG_TAIL_LINES)
                      .getLog()));
    }
  }

  private String events() {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .sorted(Comparator.comparing((Event e) -> String.valueOf(e.getLastTimestamp())))
        .map(
            e ->
                e.getLastTimestamp()
                    + " "
                    + e.getType()
                    + " "
                    + e.getReason()
                    + " "
                    + e.getInvolvedObject().getKind()
                    + "/"
                    + e.getInvolvedObject().getName()
                    + ": "
                    + e.getMessage())
        .collect(Collectors.joining("\n"));
  }

  private interface Read<T> {
    T read() throws IOException;
  }

  private static String safely(Read<String> read) {
    try {
      String text = read.read();
      return text == null ? "(none)" : text;
    } catch (IOException | RuntimeException e) {
      return "(could not read: " + e + ")";
    }
  }

  private static List<Pod> safelyList(Read<List<Pod>> read) {
    try {
      return read.read();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not list pods for evidence: {}", e.toString());
      return List.of();
    }
  }

  /** Deletes this cluster's session jobs and FlinkDeployment and closes the REST forward. */
  @Override
  public synchronized void close() {
    closeRest();
    if (sessionJobWatch != null) {
      sessionJobWatch.close();
      sessionJobWatch = null;
    }
    try {
      FlinkResources.sessionJobs(client)
          .inNamespace(namespace)
          .withLabel(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE)
          .list()
          .getItems()
          .stream()
          .filter(
              j -> name.equals(Tree.string(j.getAdditionalProperties(), "spec", "deploymentName")))
          .forEach(j -> sessionJobResource(j.getMetadata().getName()).delete());
      FlinkResources.deployments(client).inNamespace(namespace).withName(name).delete();
    } catch (RuntimeException e) {
      LOG.warn("Could not delete FlinkDeployment {}/{}: {}", namespace, name, e.toString());
    }
  }

  private void closeRest() {
    if (rest != null) {
      rest.close();
      rest = null;
    }
    if (restForward != null) {
      try {
        restForward.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the port-forward to " + name + "-rest", e);
      }
      restForward = null;
      restForwardPod = null;
    }
  }

  @Override
  public String toString() {
    return "FlinkDeployment " + namespace + "/" + name + " (" + spec + ")";
  }
}
