package io.flinkchaos.harness.platform;

import io.flinkchaos.harness.check.CommittedOutput;
import io.flinkchaos.harness.flink.JobCancellation;
import io.flinkchaos.harness.flink.TestingFlinkRest;
import io.flinkchaos.harness.flink.TickingClock;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.report.Evidence;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;

/**
 * A FAKE Flink session cluster for unit tests, over {@link TestingFlinkRest}: deploy and cancel go
 * through the REST fake as {@code LocalFlinkCluster} does (upload and run the jar; {@link
 * JobCancellation}, bounded by {@link #CANCEL_BOUND}); process faults are recorded and played on
 * the fake (a killed TaskManager fails over the jobs running on it). It has no job lifecycle of its
 * own: a test hands it the one under test ({@link #useJobs}), and no control plane.
 */
public final class TestingFlinkCluster implements FlinkCluster, ProcessFaults {

  /** How long a cancel may take to stop a job here; the fake stops it at once or never. */
  public static final Duration CANCEL_BOUND = Duration.ofMillis(400);

  private static final Pattern TASK_MANAGER_RESOURCE_ID =
      Pattern.compile("taskmanager-(\\d+)-g\\d+");

  private final ClusterSpec spec;
  private final Clock clock;
  private final Storage storage = new TestingStorage();
  private final TestingFlinkRest rest;
  private final List<String> processFaults = new CopyOnWriteArrayList<>();
  private JobLifecycle jobs;

  public TestingFlinkCluster(int taskManagers) {
    this(taskManagers, new TickingClock());
  }

  public TestingFlinkCluster(int taskManagers, Clock clock) {
    this.spec = ClusterSpec.of(taskManagers);
    this.clock = clock;
    this.rest = new TestingFlinkRest(taskManagers, clock, storage.checkpoints().toString());
  }

  /** A sequence job of parallelism 2 as the tests deploy it (the fake runs no jar). */
  public static JobSpec sequenceJob() {
    return new JobSpec(
        "sequence",
        "v1",
        java.nio.file.Path.of("sequence.jar"),
        "io.flinkchaos.jobs.Sequence",
        List.of(),
        2,
        java.util.Map.of(),
        false,
        null);
  }

  /** A cluster whose JobManager refuses every REST call. */
  public static TestingFlinkCluster restDown() {
    TestingFlinkCluster cluster = new TestingFlinkCluster(2);
    cluster.rest.restDown();
    return cluster;
  }

  /** A cluster whose JobManager answers no REST call within {@code bound}. */
  public static TestingFlinkCluster restHung(Duration bound) {
    TestingFlinkCluster cluster = new TestingFlinkCluster(2);
    cluster.rest.restHung(bound);
    return cluster;
  }

  public TestingFlinkCluster useJobs(JobLifecycle lifecycle) {
    this.jobs = lifecycle;
    return this;
  }

  /** The process faults received, in order: "kill TaskManager 1", "kill JobManager", … */
  public List<String> processFaults() {
    return List.copyOf(processFaults);
  }

  @Override
  public ClusterSpec spec() {
    return spec;
  }

  @Override
  public TestingFlinkRest rest() {
    return rest;
  }

  @Override
  public Storage storage() {
    return storage;
  }

  @Override
  public DeployedJob deploy(JobSpec job, String restorePath) {
    String jarId = rest.uploadJar(job.jar());
    Instant submittedAt = clock.instant();
    JobID jobId = rest.runJar(jarId, job.submission(restorePath));
    return new DeployedJob(jobId, job, submittedAt, restorePath);
  }

  @Override
  public void cancel(DeployedJob job) {
    new JobCancellation(rest::job, rest::cancel, CANCEL_BOUND).cancel(job.jobId());
  }

  @Override
  public SortedSet<Integer> taskManagerNumbers(java.util.Collection<String> resourceIds) {
    SortedSet<Integer> indexes = new TreeSet<>();
    for (String resourceId : resourceIds) {
      Matcher matcher = TASK_MANAGER_RESOURCE_ID.matcher(resourceId);
      if (matcher.matches()) {
        indexes.add(Integer.parseInt(matcher.group(1)));
      }
    }
    return indexes;
  }

  @Override
  public int registeredTaskManagers() {
    return rest.overview().getNumTaskManagersConnected();
  }

  @Override
  public void awaitReady() {}

  @Override
  public void collectEvidence(Evidence evidence) {}

  @Override
  public ProcessFaults processes() {
    return this;
  }

  @Override
  public JobLifecycle jobs() {
    if (jobs == null) {
      throw new IllegalStateException("no job lifecycle given to this TestingFlinkCluster");
    }
    return jobs;
  }

  @Override
  public Capability<ControlPlane> controlPlane() {
    return controlPlane == null
        ? Capability.missing("needs a Kubernetes platform (this fake has none)")
        : Capability.of(controlPlane);
  }

  /** Gives the fake a control plane (a test's own recording fake). */
  public TestingFlinkCluster withControlPlane(ControlPlane controlPlane) {
    this.controlPlane = controlPlane;
    return this;
  }

  private ControlPlane controlPlane;

  @Override
  public void killTaskManager(int index) {
    processFaults.add("kill TaskManager " + index);
    rest.taskManagerLost(index, false);
  }

  /** Recorded only: this fake does not model the JobManager's processes or HA. */
  @Override
  public void killJobManager() {
    processFaults.add("kill JobManager");
  }

  @Override
  public void takeTaskManagerDown(int index) {
    processFaults.add("take TaskManager " + index + " down");
    rest.taskManagerLost(index, true);
  }

  @Override
  public void bringTaskManagerBack(int index) {
    processFaults.add("bring TaskManager " + index + " back");
    rest.taskManagerBack(index);
  }

  @Override
  public Capability<ProcessEvents> processEvents() {
    return Capability.missing("is not part of this fake");
  }

  /**
   * A fake network: records partitions and heals, and runs {@link #whilePartitioned} at each cut (a
   * test makes Flink fail over there, as it would during a real one).
   */
  @Override
  public Capability<NetworkFaults> network() {
    return Capability.of(
        new NetworkFaults() {
          @Override
          public void partition(FlinkProcess taskManager) {
            processFaults.add("partition " + taskManager);
            whilePartitioned.accept(taskManager);
          }

          @Override
          public void heal(FlinkProcess taskManager) {
            processFaults.add("heal " + taskManager);
          }

          @Override
          public String linksCutBy(FlinkProcess taskManager) {
            return taskManager + " <-> the JobManager (fake)";
          }

          @Override
          public Capability<LinkDelays> delays() {
            return Capability.missing("is not part of this fake");
          }
        });
  }

  /** What happens in Flink while the object store is out; nothing by default. */
  public TestingFlinkCluster whileStoreOut(Runnable effect) {
    this.whileStoreOut = effect;
    return this;
  }

  private Runnable whileStoreOut = () -> {};

  /** What happens in Flink while a process is frozen; nothing by default. */
  public TestingFlinkCluster whileFrozen(java.util.function.Consumer<FlinkProcess> effect) {
    this.whileFrozen = effect;
    return this;
  }

  private java.util.function.Consumer<FlinkProcess> whileFrozen = process -> {};

  /** What happens in Flink when a TaskManager is cut off; nothing by default. */
  public TestingFlinkCluster whilePartitioned(java.util.function.Consumer<FlinkProcess> effect) {
    this.whilePartitioned = effect;
    return this;
  }

  private java.util.function.Consumer<FlinkProcess> whilePartitioned = tm -> {};

  /** Records freezes and thaws; {@link #withoutNodeAccess} takes the capability away. */
  @Override
  public Capability<ProcessFreezer> freezer() {
    if (noFreezerBecause != null) {
      return Capability.missing(noFreezerBecause);
    }
    return Capability.of(
        new ProcessFreezer() {
          @Override
          public void freeze(FlinkProcess process) {
            processFaults.add("freeze " + process);
            whileFrozen.accept(process);
          }

          @Override
          public void thaw(FlinkProcess process) {
            processFaults.add("thaw " + process);
          }
        });
  }

  /** Like a kubeconfig cluster: no node to stop a container's PID 1 from. */
  public TestingFlinkCluster withoutNodeAccess(String because) {
    this.noFreezerBecause = because;
    return this;
  }

  private String noFreezerBecause;

  /** Paths only: snapshots live in the fake's memory, and it writes no output. */
  private final class TestingStorage implements Storage {

    /** A fake outage: records it and runs {@link #whileStoreOut} (what Flink did meanwhile). */
    @Override
    public Capability<StorageOutages> outages() {
      return Capability.of(
          new StorageOutages() {
            @Override
            public void stopAnswering() {
              processFaults.add("object store stops answering");
              whileStoreOut.run();
            }

            @Override
            public void refuseConnections() {
              processFaults.add("object store refuses connections");
              whileStoreOut.run();
            }

            @Override
            public void restore() {
              processFaults.add("object store restored");
            }
          });
    }

    @Override
    public String kind() {
      return "file";
    }

    @Override
    public URI checkpoints() {
      return URI.create("file:/testing-flink/checkpoints");
    }

    @Override
    public URI savepoints() {
      return URI.create("file:/testing-flink/savepoints");
    }

    @Override
    public URI newOutputLocation(String name) {
      throw new UnsupportedOperationException("the testing cluster writes no output");
    }

    @Override
    public CommittedOutput committedOutput(URI location) {
      throw new UnsupportedOperationException("the testing cluster writes no output");
    }

    @Override
    public URI highAvailability() {
      return URI.create("file:/testing-flink/ha");
    }
  }
}
