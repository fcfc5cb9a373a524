package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.Platforms;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * A stand-in harness JVM for {@link ClusterCleanupIT}: starts a local cluster the way the harness
 * does ({@link Platforms#current()}, which also registers the harness's shutdown hook), prints the
 * cluster's process ids, then waits for a line on stdin and ends as {@code args[0]} says: {@code
 * return} from main or {@code throw} an uncaught exception. Signal cases never send the line.
 *
 * <p>Usage: {@code ClusterOwner return|throw <high availability: true|false> <freeze TaskManager 1:
 * true|false>}
 */
public final class ClusterOwner {

  static final String PIDS_LINE = "CLUSTER PIDS ";

  private ClusterOwner() {}

  public static void main(String[] args) throws Exception {
    String ending = args[0];
    boolean highAvailability = Boolean.parseBoolean(args[1]);
    LocalFlinkCluster cluster =
        (LocalFlinkCluster) Platforms.current().cluster(new ClusterSpec(1, 1, highAvailability));
    if (Boolean.parseBoolean(args[2])) {
      cluster
          .processes()
          .freezer()
          .require("freeze TaskManager 1")
          .freeze(FlinkProcess.taskManager(1));
    }
    System.out.println(
        PIDS_LINE + cluster.pids().stream().map(String::valueOf).collect(Collectors.joining(" ")));
    System.out.flush();
    // EOF (the test JVM is gone) ends this JVM too, so a crashed test leaves nothing behind.
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (ending.equals("throw")) {
      throw new IllegalStateException("ClusterOwner: failing on purpose, as a crashed harness");
    }
  }
}
