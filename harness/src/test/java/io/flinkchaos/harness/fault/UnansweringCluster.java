package io.flinkchaos.harness.fault;

import io.flinkchaos.harness.flink.FlinkRest;
import io.flinkchaos.harness.flink.FlinkRestException;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.ControlPlane;
import io.flinkchaos.harness.platform.JobLifecycle;
import io.flinkchaos.harness.platform.ProcessEvents;
import io.flinkchaos.harness.platform.ProcessFaults;
import io.flinkchaos.harness.platform.ProcessFreezer;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.Storage;
import io.flinkchaos.harness.report.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;

/**
 * A cluster whose JobManager does not answer: either refused at once (down) or never (hung). It
 * records the kills it receives; everything else is unsupported.
 */
public final class UnansweringCluster implements FlinkCluster, ProcessFaults {

  private final boolean hangs;
  private final CountDownLatch never = new CountDownLatch(1);
  public final List<String> kills = new ArrayList<>();

  private UnansweringCluster(boolean hangs) {
    this.hangs = hangs;
  }

  public static UnansweringCluster down() {
    return new UnansweringCluster(false);
  }

  public static UnansweringCluster hung() {
    return new UnansweringCluster(true);
  }

  @Override
  public SortedSet<Integer> taskManagersRunning(JobID job) {
    if (hangs) {
      try {
        never.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new FlinkRestException(
        "GET /jobs/" + job + " at http://127.0.0.1:1 failed: ConnectException: Connection refused",
        null);
  }

  @Override
  public void killTaskManager(int index) {
    kills.add("TaskManager " + index);
  }

  @Override
  public void killJobManager() {
    kills.add("JobManager");
  }

  @Override
  public ClusterSpec spec() {
    throw new UnsupportedOperationException();
  }

  @Override
  public FlinkRest rest() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Storage storage() {
    throw new UnsupportedOperationException();
  }

  @Override
  public DeployedJob deploy(JobSpec spec, String restorePath) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void cancel(DeployedJob job) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void takeTaskManagerDown(int index) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void bringTaskManagerBack(int index) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Capability<ProcessEvents> processEvents() {
    return Capability.missing("is not part of this fake");
  }

  @Override
  public Capability<ProcessFreezer> freezer() {
    return Capability.missing("is not part of this fake");
  }

  @Override
  public ProcessFaults processes() {
    return this;
  }

  @Override
  public JobLifecycle jobs() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Capability<ControlPlane> controlPlane() {
    return Capability.missing("needs a Kubernetes platform (this fake has none)");
  }

  @Override
  public int registeredTaskManagers() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void awaitReady() {}

  @Override
  public void collectEvidence(Evidence evidence) {}
}
