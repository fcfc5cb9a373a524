package io.flinkchaos.harness.steps;

import io.cucumber.java.en.Given;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.MissingCapabilityException;

/** Steps about the Flink session cluster itself. */
public final class ClusterSteps {

  private final ScenarioContext context;

  public ClusterSteps(ScenarioContext context) {
    this.context = context;
  }

  @Given("a (local )Flink cluster with {int} TaskManager(s)")
  public void aFlinkCluster(int taskManagers) {
    useCluster(ClusterSpec.of(taskManagers));
  }

  @Given("a (local )Flink cluster with {int} TaskManager(s) of {int} slot(s) each")
  public void aFlinkClusterWithSlots(int taskManagers, int slots) {
    useCluster(ClusterSpec.of(taskManagers).withSlots(slots));
  }

  /** A cluster of another Flink version than the run's: one the build prepared. */
  @Given("a Flink {flinkVersion} cluster with {int} TaskManager(s)")
  public void aFlinkClusterOfVersion(String version, int taskManagers) {
    requirePrepared(context, version);
    useCluster(
        ClusterSpec.of(taskManagers)
            .withFlinkVersion(context.settings().isOtherFlinkVersion(version) ? version : null));
  }

  /** Skips the scenario, with the reason, when the build did not prepare {@code version}. */
  static void requirePrepared(ScenarioContext context, String version) {
    context
        .settings()
        .flinkVersionMissing(version)
        .ifPresent(
            why -> {
              throw new MissingCapabilityException(why);
            });
  }

  @Given("a highly available Flink cluster with {int} TaskManager(s)")
  public void aHighlyAvailableFlinkCluster(int taskManagers) {
    useCluster(ClusterSpec.of(taskManagers).withHighAvailability(true));
  }

  /** Each process in a network namespace of its own, so links can be cut (root only). */
  @Given("a Flink cluster with {int} TaskManager(s) on separate networks")
  public void aFlinkClusterOnSeparateNetworks(int taskManagers) {
    useCluster(ClusterSpec.of(taskManagers).withSeparateNetworks(true));
  }

  @Given("a Flink cluster with {int} TaskManager(s) of {int} slot(s) each on separate networks")
  public void aFlinkClusterWithSlotsOnSeparateNetworks(int taskManagers, int slots) {
    useCluster(ClusterSpec.of(taskManagers).withSlots(slots).withSeparateNetworks(true));
  }

  @Given("a highly available Flink cluster with {int} TaskManager(s) on separate networks")
  public void aHighlyAvailableFlinkClusterOnSeparateNetworks(int taskManagers) {
    useCluster(ClusterSpec.of(taskManagers).withHighAvailability(true).withSeparateNetworks(true));
  }

  private void useCluster(ClusterSpec spec) {
    long started = System.nanoTime();
    FlinkCluster cluster = context.platform().cluster(spec);
    context.useCluster(cluster);
    // not the REST endpoint itself: an application-mode cluster has none before its first job
    context.log(
        context.platform().name()
            + " cluster ready: "
            + cluster
            + ", storage "
            + cluster.storage().kind()
            + ", in "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
  }
}
