package io.flinkchaos.harness.steps;

import io.cucumber.java.Scenario;
import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.CombinedVerdict;
import io.flinkchaos.harness.check.Verdict;
import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.fault.Fault;
import io.flinkchaos.harness.fault.FaultInjector;
import io.flinkchaos.harness.fault.FaultLanding;
import io.flinkchaos.harness.fault.FaultSchedule;
import io.flinkchaos.harness.fault.InjectedFault;
import io.flinkchaos.harness.fault.LandingObserver;
import io.flinkchaos.harness.fault.RestLandingObserver;
import io.flinkchaos.harness.fault.VictimChoice;
import io.flinkchaos.harness.flink.JobProgress;
import io.flinkchaos.harness.flink.JobWaits;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.Platform;
import io.flinkchaos.harness.platform.Platforms;
import io.flinkchaos.harness.report.Evidence;
import io.flinkchaos.harness.report.ScenarioRecord;
import io.flinkchaos.harness.report.ThroughputSampler;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import io.flinkchaos.harness.wait.Bounds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;

/**
 * What one scenario knows, shared by its step classes through constructor injection: the cluster,
 * the deployed jobs, injected faults, measurements, check results and evidence.
 */
public final class ScenarioContext implements FaultInjector {

  private final HarnessSettings settings = HarnessSettings.fromSystemProperties();
  private final Timeline timeline = new Timeline();
  private final Evidence evidence = new Evidence();
  private final List<DeployedJob> deployed = new ArrayList<>();
  private final List<AutoCloseable> closeAtEnd = new ArrayList<>();
  private final List<InjectedFault> faults = new ArrayList<>();
  private final io.flinkchaos.harness.flink.LastCheckpoints lastCheckpoints =
      new io.flinkchaos.harness.flink.LastCheckpoints();
  private final List<CheckResult> checks = new ArrayList<>();
  private final List<UpgradeOutcome> upgrades = new ArrayList<>();
  private final List<UpgradeOutcome> suspensions = new ArrayList<>();
  private final List<RefusedUpgrade> refusals = new ArrayList<>();
  private RefusedUpgrade refusalOfTheLastAttempt;
  private CombinedVerdict lastVerdict;
  private final Set<Integer> taskManagersHit = new TreeSet<>();
  private final Set<Fault> healed =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private FaultLanding lastKnownLanding;
  private LandingObserver landingObserver =
      jobId -> new RestLandingObserver(cluster(), lastCheckpoints).observe(jobId);
  private final java.util.Map<InjectedFault, Instant> faultEnds = new java.util.IdentityHashMap<>();
  private final List<ScenarioRecord.Recovery> recoveries = new ArrayList<>();
  private final java.util.Map<CheckResult, Verdict> expectations =
      new java.util.IdentityHashMap<>();
  private Scenario scenario;
  // read by the throughput sampler's thread as well
  private volatile FlinkCluster cluster;
  private volatile DeployedJob job;
  private String firstFlinkVersion;
  private ThroughputSampler sampler;

  void begin(Scenario scenario) {
    this.scenario = scenario;
  }

  public HarnessSettings settings() {
    return settings;
  }

  public Platform platform() {
    return Platforms.current();
  }

  @Override
  public FlinkCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException(
          "no cluster in this scenario: start it with 'Given a Flink cluster with N TaskManagers'");
    }
    return cluster;
  }

  @Override
  public JobID jobId() {
    return job().jobId();
  }

  boolean hasCluster() {
    return cluster != null;
  }

  void useCluster(FlinkCluster cluster) {
    this.cluster = cluster;
    if (firstFlinkVersion == null) {
      firstFlinkVersion = cluster.spec().flinkVersion();
    }
  }

  /** The Flink version of the first cluster this scenario used, or null. */
  String firstFlinkVersion() {
    return firstFlinkVersion;
  }

  /**
   * The scenario goes on on another cluster (a cross-version upgrade): the jobs deployed so far ran
   * on the previous one, which is gone, and are not cancelled or read there.
   */
  void moveToCluster(FlinkCluster next) {
    this.cluster = next;
    deployed.clear();
  }

  /** The fixture jobs built for the Flink version of the scenario's cluster. */
  public java.nio.file.Path fixturesJar() {
    return settings.fixturesJar(cluster().spec().flinkVersion());
  }

  public DeployedJob job() {
    if (job == null) {
      throw new IllegalStateException(
          "no job in this scenario: deploy one first, e.g. 'And the sequence job runs with"
              + " parallelism 2 and checkpoints every 1 s'");
    }
    return job;
  }

  /** The job now running in place of the previous one (a deploy, or an upgrade's new job). */
  void useJob(DeployedJob newJob) {
    job = newJob;
    deployed.add(newJob);
  }

  /**
   * Starts sampling the scenario's job in the background once one is deployed (after the step that
   * deployed it); it follows the job through upgrades until {@link #stopSampling}.
   */
  void startSamplingOnceDeployed() {
    if (sampler == null && job != null) {
      sampler = JobSampling.start(this);
    }
  }

  /** Stops the background sampling of the scenario's job, if it started; what it saw. */
  Optional<ThroughputSampler> stopSampling() {
    Optional.ofNullable(sampler).ifPresent(ThroughputSampler::close);
    return Optional.ofNullable(sampler);
  }

  /** The job now, for the sampler's thread: empty before the first deploy. */
  Optional<DeployedJob> currentJob() {
    return Optional.ofNullable(job);
  }

  /** The same deployed job, described by a more precise spec (e.g. a declared output contract). */
  void replaceJobSpec(io.flinkchaos.harness.job.JobSpec spec) {
    DeployedJob current = job();
    job = new DeployedJob(current.jobId(), spec, current.submittedAt(), current.restorePath());
  }

  /** Closed when the scenario ends, after its jobs are cancelled (e.g. the Kafka feeder). */
  void closeAtEnd(AutoCloseable resource) {
    closeAtEnd.add(resource);
  }

  /** What {@link #closeAtEnd} collected, most recent first; empties the list. */
  List<AutoCloseable> takeResourcesToClose() {
    List<AutoCloseable> resources = new ArrayList<>(closeAtEnd);
    java.util.Collections.reverse(resources);
    closeAtEnd.clear();
    return resources;
  }

  List<DeployedJob> deployedJobs() {
    return List.copyOf(deployed);
  }

  /**
   * Waits on the scenario's jobs. A job that restarts more often than the faults injected so far
   * explain fails any wait at once with its root exception: every fault of the scenario counts,
   * since one still in force (a TaskManager down) also restarts the jobs deployed after it.
   */
  public JobWaits jobWaits() {
    return new JobWaits(() -> cluster().rest())
        .remembering(lastCheckpoints, java.time.Clock.systemUTC())
        .withExpectedRestarts(faults::size);
  }

  /**
   * {@code index} if that TaskManager runs tasks of the job; a kill of an idle TaskManager would
   * test nothing, so it fails here with the TaskManagers that do.
   */
  @Override
  public int taskManagerRunningTheJob(int index) {
    var hosts = cluster().taskManagersRunning(job().jobId());
    if (!hosts.contains(index)) {
      throw new IllegalStateException(
          "TaskManager "
              + index
              + " runs no task of job "
              + job().jobId()
              + " (its tasks run on TaskManagers "
              + hosts
              + "): killing it would test nothing; name one of those, or write 'a TaskManager"
              + " running the job'");
    }
    return index;
  }

  /**
   * {@code count} TaskManagers that run tasks of the job and were not hit by an earlier fault of
   * this scenario (nor are the replacement of one). First waits until the JobManager has noticed
   * the previous fault (the job restored after it and runs again): before that it still lists the
   * tasks of a dead TaskManager, or none on the survivors.
   */
  @Override
  public List<Integer> taskManagersRunningTheJob(int count) {
    awaitPreviousFaultNoticed();
    var hosts = cluster().taskManagersRunning(job().jobId());
    return VictimChoice.choose(count, hosts, taskManagersHit);
  }

  @Override
  public int taskManagerRunningTheJobButNot(String vertexName, int subtask) {
    awaitPreviousFaultNoticed();
    return VictimChoice.notRunningSubtask(
        cluster(), job().jobId(), vertexName, subtask, taskManagersHit);
  }

  private void awaitPreviousFaultNoticed() {
    Optional<InjectedFault> last = lastFaultOnTheJob();
    if (last.isEmpty()) {
      return;
    }
    InjectedFault previous = last.get();
    Instant start = Instant.now();
    awaitRunningAfter(previous);
    Duration waited = Duration.between(start, Instant.now());
    if (waited.toMillis() > 100) {
      log(
          "waited "
              + waited.toMillis()
              + " ms until the job ran again after '"
              + previous.fault().description()
              + "' before choosing the next TaskManager");
    }
  }

  /** Injects a fault into the cluster now, recording where it landed. */
  InjectedFault inject(Fault fault) {
    return injectIf(fault, landing -> true).orElseThrow();
  }

  /** Runs a schedule of faults, logging its plan first. */
  List<InjectedFault> run(FaultSchedule schedule) {
    log("fault schedule: " + schedule.description());
    return schedule.run(this);
  }

  /**
   * Observes what the cluster is doing (bounded; unknown if the JobManager does not answer), then
   * injects the fault only if {@code lands} accepts that landing, so a fault claimed for a moment
   * is never injected outside it. Empty if it was not injected.
   */
  @Override
  public Optional<InjectedFault> injectIf(Fault fault, Predicate<FaultLanding> lands) {
    FaultLanding landing = landingObserver.observe(job().jobId());
    if (!lands.test(landing)) {
      return Optional.empty();
    }
    return Optional.of(injectObserved(fault, landing));
  }

  /**
   * Injects a fault whose landing the caller has just observed itself, when a full observation
   * would take too long for the moment it aims at.
   */
  InjectedFault injectObserved(Fault fault, FaultLanding landing) {
    JobID jobId = job().jobId();
    Instant at = Instant.now();
    fault.inject(cluster());
    Instant returned = Instant.now();
    if (landing.known()) {
      lastKnownLanding = landing;
    }
    InjectedFault injected = new InjectedFault(fault, at, jobId, landing, lastKnownLanding);
    faults.add(injected);
    if (fault.heldFor().isPresent()) {
      faultEnds.put(injected, returned);
    }
    taskManagersHit.addAll(fault.taskManagersHit());
    log(fault.description() + "; landed: " + landing, at);
    return injected;
  }

  /** For tests and platforms that observe differently; the default reads Flink's REST API. */
  void useLandingObserver(LandingObserver observer) {
    this.landingObserver = observer;
  }

  /** The most recent fault, for Then steps that relate recovery to it. */
  InjectedFault lastFault() {
    if (faults.isEmpty()) {
      throw new IllegalStateException(
          "no fault was injected in this scenario: add a When step such as 'When TaskManager 1 is"
              + " killed'");
    }
    return faults.get(faults.size() - 1);
  }

  @Override
  public Optional<InjectedFault> previousFault() {
    return faults.isEmpty() ? Optional.empty() : Optional.of(lastFault());
  }

  /** Faults injected and not healed yet, oldest first: the after-hook heals them. */
  List<Fault> faultsToHeal() {
    return faults.stream().map(InjectedFault::fault).filter(f -> !healed.contains(f)).toList();
  }

  /**
   * Heals the most recent not yet healed fault that {@code which} selects (a TaskManager brought
   * back), so the after-hook does not heal it again.
   */
  Fault heal(Predicate<Fault> which, String missing) {
    List<Fault> open = faultsToHeal();
    for (int i = open.size() - 1; i >= 0; i--) {
      Fault fault = open.get(i);
      if (which.test(fault)) {
        fault.heal(cluster());
        healed.add(fault);
        faults.stream()
            .filter(f -> f.fault() == fault)
            .forEach(f -> faultEnds.putIfAbsent(f, Instant.now()));
        log("healed: " + fault.description());
        return fault;
      }
    }
    throw new IllegalStateException(missing);
  }

  /** Records an upgrade; its new job becomes the scenario's job. */
  void upgraded(UpgradeOutcome outcome) {
    upgrades.add(outcome);
    refusalOfTheLastAttempt = null;
    useJob(outcome.job());
  }

  void suspended(UpgradeOutcome suspension) {
    suspensions.add(suspension);
  }

  UpgradeOutcome lastSuspension() {
    if (suspensions.isEmpty()) {
      throw new IllegalStateException(
          "the job was not suspended: add 'When the job is suspended with upgrade mode savepoint'");
    }
    return suspensions.get(suspensions.size() - 1);
  }

  /** Records an upgrade Flink refused: the old job was stopped, no new job runs. */
  void refused(RefusedUpgrade refused) {
    refusals.add(refused);
    refusalOfTheLastAttempt = refused;
  }

  /** The upgrade refusals of this scenario, oldest first. */
  List<RefusedUpgrade> refusals() {
    return List.copyOf(refusals);
  }

  /** The refusal of the scenario's last upgrade attempt, unless an upgrade went through since. */
  Optional<RefusedUpgrade> refusalOfTheLastAttempt() {
    return Optional.ofNullable(refusalOfTheLastAttempt);
  }

  UpgradeOutcome lastUpgrade() {
    if (upgrades.isEmpty()) {
      throw new IllegalStateException(
          "no upgrade in this scenario: add a When step such as 'When the job is upgraded to v2"
              + " with upgrade mode last-state'");
    }
    return upgrades.get(upgrades.size() - 1);
  }

  /** A recovery time, counted from {@code from} (the fault, the upgrade's start). */
  void measure(String name, Instant from, Duration duration) {
    recoveries.add(new ScenarioRecord.Recovery(name, from, duration));
    log(name + ": " + duration.toMillis() + " ms");
  }

  List<ScenarioRecord.Recovery> recoveries() {
    return List.copyOf(recoveries);
  }

  void checked(CheckResult result) {
    checks.add(result);
    log(result.summary());
  }

  /** What a step asserts of these results (a red case expects INVALID), for the report. */
  void expected(Verdict verdict, java.util.Collection<CheckResult> results) {
    results.forEach(result -> expectations.put(result, verdict));
  }

  /** Every check of the scenario with the verdict a step expected of it, if one did. */
  List<ScenarioRecord.Witness> witnesses() {
    return checks.stream()
        .map(check -> new ScenarioRecord.Witness(check, expectations.get(check)))
        .toList();
  }

  /** The faults injected, oldest first. */
  List<InjectedFault> faults() {
    return List.copyOf(faults);
  }

  /** When a fault held for a duration ended, or was healed by a step; empty for a kill. */
  Optional<Instant> faultEnd(InjectedFault fault) {
    return Optional.ofNullable(faultEnds.get(fault));
  }

  /** Upgrades and suspensions, in the order they happened. */
  List<UpgradeOutcome> upgradesAndSuspensions() {
    List<UpgradeOutcome> all = new ArrayList<>(upgrades);
    all.addAll(suspensions);
    all.sort(java.util.Comparator.comparing(UpgradeOutcome::startedAt));
    return all;
  }

  List<CheckResult> checks() {
    return List.copyOf(checks);
  }

  /**
   * The last fault, if it hit the scenario's current job (faults always hit the job of their
   * moment, so an earlier one hit an earlier job).
   */
  Optional<InjectedFault> lastFaultOnTheJob() {
    return faults.isEmpty() || !lastFault().jobId().equals(job().jobId())
        ? Optional.empty()
        : Optional.of(lastFault());
  }

  @Override
  public void awaitRunningAfter(InjectedFault fault) {
    awaitRunningAfter(fault, Bounds.RESTORE);
  }

  /**
   * Waits until the job runs again after {@code fault}: restored after it and every vertex RUNNING;
   * or, for a fault the job may ride out (a short freeze) and after which Flink recorded no
   * failure, every vertex RUNNING.
   */
  JobProgress awaitRunningAfter(InjectedFault fault, Duration atMost) {
    if (!fault.fault().alwaysRestartsTheJob()
        && cluster().rest().failures(fault.jobId()).since(fault.at()).isEmpty()) {
      return jobWaits().fullyRunning(fault.jobId(), atMost);
    }
    return jobWaits().runningAfterRestoreSince(fault.jobId(), fault.at(), atMost);
  }

  /**
   * True once a fault was injected or the job was replaced (upgrade, rescale, suspend and resume):
   * from then on every verdict also requires progress.
   */
  boolean disrupted() {
    return !faults.isEmpty() || deployed.size() > 1;
  }

  void verdictReached(CombinedVerdict verdict) {
    lastVerdict = verdict;
  }

  /** The scenario's most recent verdict of all witnesses, if one was reached. */
  Optional<CombinedVerdict> lastVerdict() {
    return Optional.ofNullable(lastVerdict);
  }

  public Timeline timeline() {
    return timeline;
  }

  public Evidence evidence() {
    return evidence;
  }

  /** A line in the timeline and in the scenario's report (and on the console). */
  @Override
  public void log(String line) {
    log(line, java.time.Instant.now());
  }

  private void log(String line, java.time.Instant at) {
    timeline.record(at, line);
    if (scenario != null) {
      scenario.log(line);
    }
  }
}
