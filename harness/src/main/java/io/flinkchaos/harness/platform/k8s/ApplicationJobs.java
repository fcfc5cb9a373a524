package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.FlinkVersionUpgrades;
import io.flinkchaos.harness.platform.k8s.K8sSettings.K8sTimeouts;
import io.flinkchaos.harness.upgrade.FlinkVersionUpgradeOutcome;
import io.flinkchaos.harness.upgrade.UpgradeException;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import io.flinkchaos.harness.wait.Waits;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs of a cluster in application mode: each job is the {@code spec.job} of its own
 * FlinkDeployment ({@code <cluster>-<n>}), created on deploy, edited for upgrades, suspension and
 * resumption, deleted on cancel. A fresh name per job means no job ever meets the HA metadata of
 * another. Waits follow what the operator writes into a FlinkDeployment's status, read in
 * apache/flink-kubernetes-operator at release-1.15.0 (same at release-1.14.0), paths under
 * flink-kubernetes-operator/src/main/java/org/apache/flink/kubernetes/operator/:
 *
 * <ul>
 *   <li>the job id is chosen by the operator ({@code reconciler/deployment/ApplicationReconciler
 *       setJobIdIfNecessary}, random) and written before submission; it is kept by a last-state
 *       upgrade through the HA metadata and replaced by savepoint and stateless upgrades; a cancel
 *       never clears it;
 *   <li>an upgrade stops the old job (FINISHED, written by the operator) and redeploys in a second
 *       reconciliation: RECONCILING, then the observed CREATED/RUNNING; reconciliation DEPLOYED and
 *       lifecycle STABLE once RUNNING ({@code AbstractJobReconciler.reconcileSpecChange}, {@code
 *       ReconciliationUtils}, {@code observer/JobStatusObserver});
 *   <li>a last-state upgrade through HA metadata writes {@code KUBERNETES_OPERATOR_LAST_STATE} as
 *       {@code upgradeSavepointPath} ({@code ApplicationReconciler.deploy}, {@code
 *       AbstractJobReconciler.LAST_STATE_DUMMY_SP_PATH}): Flink restores the latest checkpoint of
 *       its HA store;
 *   <li>a change of {@code flinkVersion} forces a snapshot by path: with last-state asked and the
 *       job running with a savepoint directory, the operator stops it with a savepoint ("Using
 *       savepoint to upgrade Flink version"), else it cancels it and restores the latest checkpoint
 *       ({@code AbstractJobReconciler.getJobUpgrade}, {@code flinkVersionChanged} in {@code
 *       AbstractFlinkResourceReconciler}); never through the HA metadata. The reconciled spec
 *       records {@code upgradeMode: savepoint} either way ({@code JobUpgrade.savepoint}, {@code
 *       JobUpgrade.lastStateUsingCancel}: restore mode SAVEPOINT), so the harness reports the mode
 *       from {@code upgradeSavepointPath} and names the recorded one beside it ({@link
 *       #upgrade(DeployedJob, JobSpec, String, UpgradeMode)}).
 * </ul>
 */
final class ApplicationJobs implements ClusterJobs, FlinkVersionUpgrades {

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationJobs.class);

  static final String KIND = "FlinkDeployment";

  /** Renders the FlinkDeployment {@code name} running a job, ready to apply. */
  interface Renderer {
    GenericKubernetesResource render(
        String name, JobSpec job, String initialSavepointPath, UpgradeMode mode);
  }

  private final String namespace;
  private final String cluster;
  private final Renderer renderer;
  private final Consumer<String> deploymentChanged;
  private final K8sTimeouts timeouts;
  private final OperatorResources deployments;
  private final JobRegistry registry;
  private final AtomicInteger deployed = new AtomicInteger();

  /**
   * @param deploymentChanged told the name of the FlinkDeployment that now runs the cluster's job
   */
  ApplicationJobs(
      KubernetesClient client,
      String namespace,
      String cluster,
      Renderer renderer,
      Consumer<String> deploymentChanged,
      K8sTimeouts timeouts) {
    this.namespace = namespace;
    this.cluster = cluster;
    this.renderer = renderer;
    this.deploymentChanged = deploymentChanged;
    this.timeouts = timeouts;
    this.deployments = OperatorResources.deployments(client, namespace);
    this.registry = new JobRegistry(namespace + "/" + cluster);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public DeployedJob deploy(JobSpec job, String restorePath) {
    if (!registry.runningNames().isEmpty()) {
      throw new IllegalStateException(
          "application mode runs one job per cluster and "
              + registry.runningNames()
              + " still runs one: cancel it first, or run with -D"
              + K8sSettings.MODE
              + "=session for several jobs in one cluster");
    }
    // a job an earlier scenario left suspended and never resumed is not resumed any more
    for (String suspended : registry.dropSuspended()) {
      LOG.info("Deleting {}, left suspended by an earlier scenario", what(suspended));
      delete(suspended);
    }
    String name = cluster + "-" + deployed.incrementAndGet();
    GenericKubernetesResource resource =
        renderer.render(name, job, restorePath, SessionJobs.DEPLOY_UPGRADE_MODE);
    Instant submittedAt = Instant.now();
    deployments.create(resource);
    deploymentChanged.accept(name);
    OperatorStatus status =
        Waits.until(
            what(name) + " RUNNING with a job id",
            timeouts.deploy(),
            () -> observe(name),
            OperatorStatus::running,
            OperatorStatus::terminalProblem);
    JobID jobId = JobID.fromHexString(status.jobId());
    registry.running(jobId, name);
    LOG.info("Deployed {} as application FlinkDeployment {} (job {})", job, name, jobId);
    return new DeployedJob(jobId, job, submittedAt, restorePath);
  }

  @Override
  public void cancel(DeployedJob job) {
    String name = registry.resourceOf(job);
    delete(name);
    registry.gone(job.jobId());
  }

  private void delete(String name) {
    resource(name).delete();
    Waits.until(
        what(name) + " deleted (its cluster and HA metadata with it)",
        timeouts.deploy(),
        () -> observe(name),
        status -> !status.exists());
  }

  /**
   * Replaces the job in the FlinkDeployment's spec (and bumps {@code restartNonce}, so even an
   * unchanged job is redeployed); {@code whileSnapshotting} runs once the operator's SpecChanged or
   * Suspended Event on it appears, before the old job is stopped.
   */
  @Override
  public UpgradeOutcome upgrade(
      DeployedJob current, JobSpec next, UpgradeMode mode, Runnable whileSnapshotting) {
    return upgrade(current, next, mode, whileSnapshotting, null);
  }

  @Override
  public String flinkVersionOf(DeployedJob job) {
    return releaseOf(registry.resourceOf(job)).crdVersion();
  }

  /**
   * Like an upgrade, with the FlinkDeployment's {@code image}, {@code flinkVersion} and S3 plugin
   * set to Flink {@code flinkVersion}'s official image ({@link FlinkRelease#official}); the outcome
   * carries the mode the operator took, read from its status ({@link UpgradeSnapshot}), and what it
   * recorded in its reconciled spec ({@link ReconciledSpec}).
   */
  @Override
  public FlinkVersionUpgradeOutcome upgrade(
      DeployedJob current, JobSpec next, String flinkVersion, UpgradeMode mode) {
    FlinkRelease target = FlinkRelease.official(flinkVersion);
    String name = registry.resourceOf(current);
    FlinkRelease from = releaseOf(name);
    UpgradeOutcome outcome = upgrade(current, next, mode, () -> {}, target);
    ReconciledSpec reconciled = ReconciledSpec.of(resource(name).get());
    FlinkVersionUpgradeOutcome result =
        new FlinkVersionUpgradeOutcome(
            outcome,
            from.crdVersion(),
            target.crdVersion(),
            reconciled.upgradeMode(),
            reconciled.flinkVersion());
    LOG.info("Flink version upgrade of {} to {}: {}", what(name), target, result);
    return result;
  }

  private FlinkRelease releaseOf(String name) {
    GenericKubernetesResource resource = resource(name).get();
    if (resource == null) {
      throw new UpgradeException(what(name) + " no longer exists");
    }
    return FlinkRelease.in(Tree.map(resource.getAdditionalProperties(), "spec"));
  }

  /** {@code release} null: the FlinkDeployment keeps the Flink it runs. */
  private UpgradeOutcome upgrade(
      DeployedJob current,
      JobSpec next,
      UpgradeMode mode,
      Runnable whileSnapshotting,
      FlinkRelease release) {
    String name = registry.resourceOf(current);
    OperatorStatus before = observe(name);
    if (!before.exists()) {
      throw new UpgradeException(
          "cannot upgrade " + current + ": " + what(name) + " no longer exists");
    }
    UpgradeStartEvents.Mark started = deployments.startMark(name);
    long watched = deployments.watchMark();
    Instant startedAt = Instant.now();
    OperatorFailures.Mark mark = edit(name, next, mode, "running", release);
    String what =
        mode
            + " upgrade of "
            + what(name)
            + (release == null ? "" : " to Flink " + release.crdVersion());
    String event =
        Waits.until(
                "the operator to start the "
                    + what
                    + ": a SpecChanged or Suspended Event on it (emitted before the old job is"
                    + " stopped)",
                timeouts.upgrade(),
                SessionJobs.EVENT_POLL,
                () ->
                    new UpgradeStart(deployments.startedSince(started).orElse(null), observe(name)),
                s -> s.event() != null || !"RUNNING".equals(s.status().jobState()),
                s -> s.status().terminalProblem())
            .toString();
    LOG.info("The operator started the {}: {}", what, event);
    whileSnapshotting.run();
    OperatorStatus after =
        awaitRunningAgain(name, watched, "the " + what + " to run the job again");
    UpgradeSnapshot snapshot = UpgradeSnapshot.of(mode, before, after);
    DeployedJob job =
        new DeployedJob(JobID.fromHexString(after.jobId()), next, startedAt, snapshot.path());
    registry.gone(current.jobId());
    registry.running(job.jobId(), name);
    return deployments.outcome(mode, snapshot, job, startedAt, mark);
  }

  /** What the harness saw when the operator started an upgrade: its Event, and the status. */
  private record UpgradeStart(String event, OperatorStatus status) {
    @Override
    public String toString() {
      return "Event " + (event == null ? "none yet" : event) + "; status " + status;
    }
  }

  /**
   * RUNNING, reconciled and stable or deployed, after the job was seen not running since {@code
   * watched}: a last-state upgrade keeps the job id, so only the stop in between tells the new run
   * from the old one.
   */
  private OperatorStatus awaitRunningAgain(String name, long watched, String description) {
    return Waits.until(
        description + ": job RUNNING again, reconciliation DEPLOYED",
        timeouts.upgrade(),
        () -> observe(name),
        s ->
            s.running()
                && "DEPLOYED".equals(s.reconciliationState())
                && Set.of("DEPLOYED", "STABLE").contains(s.lifecycleState())
                && deployments.leftRunningSince(name, watched),
        OperatorStatus::terminalProblem);
  }

  @Override
  public UpgradeOutcome suspend(DeployedJob current, UpgradeMode mode) {
    String name = registry.resourceOf(current);
    OperatorStatus before = observe(name);
    Instant startedAt = Instant.now();
    OperatorFailures.Mark mark =
        deployments.edit(
            name,
            spec -> {
              Map<String, Object> job = Tree.map(spec, "job");
              job.put("state", "suspended");
              job.put("upgradeMode", mode.label());
            });
    OperatorStatus after =
        Waits.until(
            what(name) + " SUSPENDED (" + mode + ")",
            timeouts.upgrade(),
            () -> observe(name),
            OperatorStatus::suspended,
            s -> "FAILED".equals(s.lifecycleState()) ? s.terminalProblem() : null);
    UpgradeOutcome outcome =
        deployments.outcome(mode, UpgradeSnapshot.of(mode, before, after), null, startedAt, mark);
    registry.suspended(outcome, current, name);
    return outcome;
  }

  @Override
  public DeployedJob resume(UpgradeOutcome suspension, JobSpec job) {
    JobRegistry.Suspended suspended = registry.resuming(suspension);
    String name = suspended.resource();
    long watched = deployments.watchMark();
    Instant startedAt = Instant.now();
    edit(name, job, suspension.requested(), "running", null);
    OperatorStatus after = awaitRunningAgain(name, watched, what(name) + " resumed");
    DeployedJob resumed =
        new DeployedJob(
            JobID.fromHexString(after.jobId()), job, startedAt, suspension.snapshotPath());
    registry.running(resumed.jobId(), name);
    return resumed;
  }

  /**
   * Puts {@code job} into the FlinkDeployment's spec as rendered anew (your own resource's fields
   * as given), keeping its first deployment's {@code initialSavepointPath} and the Flink it runs
   * (unless {@code release} gives another), and bumping {@code restartNonce}.
   */
  private OperatorFailures.Mark edit(
      String name, JobSpec job, UpgradeMode mode, String state, FlinkRelease release) {
    return deployments.edit(
        name,
        spec -> {
          FlinkRelease flink = release != null ? release : FlinkRelease.in(spec);
          Object nonce = spec.get("restartNonce");
          Object initial = Tree.get(spec, "job", "initialSavepointPath");
          Map<String, Object> rendered =
              Tree.map(
                  renderer
                      .render(name, job, initial == null ? null : initial.toString(), mode)
                      .getAdditionalProperties(),
                  "spec");
          spec.clear();
          spec.putAll(rendered);
          flink.applyTo(spec);
          Tree.map(spec, "job").put("state", state);
          spec.put("restartNonce", nonce instanceof Number n ? n.longValue() + 1 : 1);
        });
  }

  OperatorStatus observe(String name) {
    return deployments.observe(name);
  }

  @Override
  public Resource<GenericKubernetesResource> resource(String name) {
    return deployments.resource(name);
  }

  @Override
  public List<String> names() {
    return registry.names();
  }

  @Override
  public List<String> transitions() {
    return deployments.transitions();
  }

  private String what(String name) {
    return deployments.what(name);
  }

  /**
   * Deletes the FlinkDeployments this cluster's jobs run in (bounded, each), then stops the watch.
   */
  @Override
  public void close() {
    for (String name : registry.names()) {
      try {
        delete(name);
      } catch (RuntimeException e) {
        LOG.warn("Could not delete {}: {}", what(name), e.getMessage());
      }
    }
    deployments.close();
  }
}
