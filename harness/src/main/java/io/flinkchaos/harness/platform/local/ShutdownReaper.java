package io.flinkchaos.harness.platform.local;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends every supervised process when this JVM exits (main returns, an uncaught exception, SIGINT,
 * SIGTERM): one shutdown hook stops all supervision first, so nothing that exits meanwhile is
 * replaced, then SIGTERMs every process at once and SIGKILLs what is left after {@link #GRACE}. A
 * SIGKILL of this JVM runs no hook; there the lifeline pipe read by OrphanGuard ends the processes.
 */
final class ShutdownReaper {

  static final Duration GRACE = Duration.ofMillis(500);

  private static final Set<SupervisedProcess> SUPERVISED = ConcurrentHashMap.newKeySet();
  private static final Set<AutoCloseable> AFTER_PROCESSES = ConcurrentHashMap.newKeySet();
  private static volatile boolean shuttingDown;

  static {
    try {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(ShutdownReaper::reap, "flink-chaos-process-reaper"));
    } catch (IllegalStateException e) {
      shuttingDown = true; // first used while the JVM already exits: start nothing
    }
  }

  private ShutdownReaper() {}

  static void register(SupervisedProcess process) {
    SUPERVISED.add(process);
  }

  static void unregister(SupervisedProcess process) {
    SUPERVISED.remove(process);
  }

  /** Closed once the processes have ended (what they ran in, e.g. network namespaces). */
  static void closeAfterProcesses(AutoCloseable resource) {
    AFTER_PROCESSES.add(resource);
  }

  static void forget(AutoCloseable resource) {
    AFTER_PROCESSES.remove(resource);
  }

  /** True once this JVM began shutting down: no process may be started or restarted then. */
  static boolean shuttingDown() {
    return shuttingDown;
  }

  private static void reap() {
    shuttingDown = true;
    SupervisedProcess.stopAll(List.copyOf(SUPERVISED), GRACE);
    for (AutoCloseable resource : List.copyOf(AFTER_PROCESSES)) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("flink-chaos: could not close " + resource + " at exit: " + e);
      }
    }
  }
}
