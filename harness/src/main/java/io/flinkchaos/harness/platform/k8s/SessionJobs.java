package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.Storage;
import io.flinkchaos.harness.platform.k8s.K8sSettings.K8sTimeouts;
import io.flinkchaos.harness.upgrade.UpgradeException;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs of a session cluster as FlinkSessionJobs: deployed, cancelled, upgraded, suspended and
 * resumed by editing their spec and waiting for the operator's status (read through an informer).
 */
final class SessionJobs implements ClusterJobs {

  private static final Logger LOG = LoggerFactory.getLogger(SessionJobs.class);

  /**
   * How often the Events are listed while waiting for an upgrade to start: the savepoint that
   * follows the Event can take well under a second, and the hook must run while it does.
   */
  static final Duration EVENT_POLL = Duration.ofMillis(50);

  /** The upgrade mode session jobs are created with; upgrades set their own. */
  static final UpgradeMode DEPLOY_UPGRADE_MODE = UpgradeMode.SAVEPOINT;

  private final KubernetesClient client;
  private final String namespace;
  private final String cluster;
  private final Storage storage;
  private final FlinkManifests manifests;
  private final JarDelivery jars;
  private final K8sTimeouts timeouts;
  private final OperatorResources sessionJobs;
  private final AtomicInteger jobsDeployed = new AtomicInteger();
  private final JobRegistry registry;

  SessionJobs(
      KubernetesClient client,
      String namespace,
      String cluster,
      Storage storage,
      FlinkManifests manifests,
      JarDelivery jars,
      K8sTimeouts timeouts) {
    this.client = client;
    this.namespace = namespace;
    this.cluster = cluster;
    this.storage = storage;
    this.manifests = manifests;
    this.jars = jars;
    this.timeouts = timeouts;
    this.sessionJobs = OperatorResources.sessionJobs(client, namespace);
    this.registry = new JobRegistry(namespace + "/" + cluster);
  }

  @Override
  public DeployedJob deploy(JobSpec job, String restorePath) {
    String sessionJob = sessionJobName(job);
    String initial = restorePath == null ? null : storage.restorePath(restorePath);
    GenericKubernetesResource resource =
        manifests.sessionJob(
            sessionJob, cluster, job, manifests.jarUri(job, jars), initial, DEPLOY_UPGRADE_MODE);
    Instant submittedAt = Instant.now();
    sessionJobs.create(resource);
    OperatorStatus status =
        Waits.until(
            "FlinkSessionJob " + namespace + "/" + sessionJob + " RUNNING with a job id",
            timeouts.deploy(),
            () -> observe(sessionJob),
            OperatorStatus::running,
            OperatorStatus::terminalProblem);
    JobID jobId = JobID.fromHexString(status.jobId());
    registry.running(jobId, sessionJob);
    LOG.info("Deployed {} as FlinkSessionJob {} (job {})", job, sessionJob, jobId);
    return new DeployedJob(jobId, job, submittedAt, restorePath);
  }

  private String sessionJobName(JobSpec job) {
    String base =
        (cluster + "-" + job.name()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    String suffix = "-" + jobsDeployed.incrementAndGet();
    base = base.substring(0, Math.min(base.length(), 63 - suffix.length()));
    return base.replaceAll("-+$", "") + suffix;
  }

  /** The FlinkSessionJob's status as last delivered by the informer, or MISSING. */
  OperatorStatus observe(String sessionJob) {
    return sessionJobs.observe(sessionJob);
  }

  @Override
  public Resource<GenericKubernetesResource> resource(String sessionJob) {
    return sessionJobs.resource(sessionJob);
  }

  @Override
  public String kind() {
    return sessionJobs.kind();
  }

  /** The FlinkSessionJob that runs {@code job}. */
  String resourceOf(DeployedJob job) {
    return registry.resourceOf(job);
  }

  /** The FlinkSessionJobs this harness runs or has suspended, for evidence. */
  @Override
  public List<String> names() {
    return registry.names();
  }

  /** Every status change the informer saw, one line each. */
  @Override
  public List<String> transitions() {
    return sessionJobs.transitions();
  }

  @Override
  public void cancel(DeployedJob job) {
    String sessionJob = resourceOf(job);
    resource(sessionJob).delete();
    Waits.until(
        "FlinkSessionJob " + namespace + "/" + sessionJob + " deleted (its job cancelled)",
        timeouts.deploy(),
        () -> observe(sessionJob),
        status -> !status.exists());
    registry.gone(job.jobId());
  }

  /**
   * {@code whileSnapshotting} runs as soon as the operator's SpecChanged or Suspended Event for
   * this spec change appears ({@link UpgradeStartEvents}): before the stop-with-savepoint in
   * savepoint mode (the status shows nothing until it returns), before the cancel otherwise.
   */
  @Override
  public UpgradeOutcome upgrade(
      DeployedJob current, JobSpec next, UpgradeMode mode, Runnable whileSnapshotting) {
    String sessionJob = resourceOf(current);
    String oldJobId = current.jobId().toHexString();
    // observe
    OperatorStatus before = observe(sessionJob);
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
    UpgradeStartEvents.Mark started = sessionJobs.startMark(sessionJob);
    Instant startedAt = Instant.now();
    String jarUri = manifests.jarUri(next, jars);
    OperatorFailures.Mark mark =
        sessionJobs.edit(
            sessionJob,
            spec -> {
              manifests.applyJob(spec, next, jarUri, mode);
              Tree.map(spec, "job").put("state", "running");
              spec.put("restartNonce", nextNonce(spec.get("restartNonce")));
            });
    String what = mode + " upgrade of FlinkSessionJob " + namespace + "/" + sessionJob;
    UpgradeStart start =
        Waits.until(
            "the operator to start the "
                + what
                + ": a SpecChanged or Suspended Event on it (emitted before the old job is stopped)",
            timeouts.upgrade(),
            EVENT_POLL,
            () ->
                new UpgradeStart(
                    sessionJobs.startedSince(started).orElse(null), observe(sessionJob)),
            s -> s.event() != null || s.statusMoved(oldJobId),
            s -> s.status().terminalProblem());
    if (start.event() == null) {
      // No readable Event (no right to list them?): the status moved, so in savepoint mode the
      // savepoint is already over; a step that claims "during the savepoint" checks Flink itself.
      LOG.warn("No SpecChanged/Suspended Event seen for the {}; status first: {}", what, start);
    }
    whileSnapshotting.run();
    OperatorStatus after =
        Waits.until(
            "the " + what + " to run a new job, reconciled",
            timeouts.upgrade(),
            () -> observe(sessionJob),
            s -> s.runningNewJob(oldJobId),
            OperatorStatus::terminalProblem);
    UpgradeSnapshot snapshot = UpgradeSnapshot.of(mode, before, after);
    DeployedJob job =
        new DeployedJob(JobID.fromHexString(after.jobId()), next, startedAt, snapshot.path());
    registry.gone(current.jobId());
    registry.running(job.jobId(), sessionJob);
    return sessionJobs.outcome(mode, snapshot, job, startedAt, mark);
  }

  /** What the harness saw when the operator started an upgrade: its Event, and the status. */
  private record UpgradeStart(String event, OperatorStatus status) {

    /** The status already shows the old job stopping or stopped (jobId null once FINISHED). */
    boolean statusMoved(String oldJobId) {
      return !Objects.equals(status.jobId(), oldJobId)
          || !"RUNNING".equals(status.jobState())
          || "UPGRADING".equals(status.lifecycleState());
    }

    @Override
    public String toString() {
      return "Event " + (event == null ? "none yet" : event) + "; status " + status;
    }
  }

  private static long nextNonce(Object current) {
    return current instanceof Number n ? n.longValue() + 1 : 1;
  }

  @Override
  public UpgradeOutcome suspend(DeployedJob current, UpgradeMode mode) {
    String sessionJob = resourceOf(current);
    OperatorStatus before = observe(sessionJob);
    Instant startedAt = Instant.now();
    OperatorFailures.Mark mark =
        sessionJobs.edit(
            sessionJob,
            spec -> {
              Map<String, Object> job = Tree.map(spec, "job");
              job.put("state", "suspended");
              job.put("upgradeMode", mode.label());
            });
    OperatorStatus after =
        Waits.until(
            "FlinkSessionJob " + namespace + "/" + sessionJob + " SUSPENDED (" + mode + ")",
            timeouts.upgrade(),
            () -> observe(sessionJob),
            OperatorStatus::suspended,
            s -> "FAILED".equals(s.lifecycleState()) ? s.terminalProblem() : null);
    UpgradeOutcome outcome =
        sessionJobs.outcome(mode, UpgradeSnapshot.of(mode, before, after), null, startedAt, mark);
    registry.suspended(outcome, current, sessionJob);
    return outcome;
  }

  @Override
  public DeployedJob resume(UpgradeOutcome suspension, JobSpec job) {
    JobRegistry.Suspended suspended = registry.resuming(suspension);
    Instant startedAt = Instant.now();
    String jarUri = manifests.jarUri(job, jars);
    sessionJobs.edit(
        suspended.resource(),
        spec -> {
          manifests.applyJob(spec, job, jarUri, suspension.requested());
          Tree.map(spec, "job").put("state", "running");
        });
    OperatorStatus after =
        Waits.until(
            "FlinkSessionJob "
                + namespace
                + "/"
                + suspended.resource()
                + " resumed: a new job RUNNING",
            timeouts.upgrade(),
            () -> observe(suspended.resource()),
            s -> s.runningNewJob(suspended.jobId()),
            OperatorStatus::terminalProblem);
    DeployedJob resumed =
        new DeployedJob(
            JobID.fromHexString(after.jobId()), job, startedAt, suspension.snapshotPath());
    registry.running(resumed.jobId(), suspended.resource());
    return resumed;
  }

  /** Deletes this cluster's FlinkSessionJobs (labelled managed-by flink-chaos). */
  @Override
  public void close() {
    sessionJobs.close();
    FlinkResources.sessionJobs(client)
        .inNamespace(namespace)
        .withLabel(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE)
        .list()
        .getItems()
        .stream()
        .filter(
            j -> cluster.equals(Tree.string(j.getAdditionalProperties(), "spec", "deploymentName")))
        .forEach(j -> resource(j.getMetadata().getName()).delete());
  }
}
