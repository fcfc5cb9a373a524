package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nothing is left running within 5 s of any end of the harness JVM. Each case starts a stand-in
 * harness JVM ({@link ClusterOwner}) in its own process group, lets it start a minimal local
 * cluster, ends it one way, and measures until every cluster process has exited.
 */
class ClusterCleanupIT {

  private static final Duration ALLOWED = Duration.ofSeconds(5);
  private static final Duration OBSERVED_AT_MOST = Duration.ofSeconds(20);

  enum Ending {
    MAIN_RETURNS("main returns", false),
    UNCAUGHT_EXCEPTION("uncaught exception in main", false),
    SIGTERM("SIGTERM", false),
    SIGINT_TO_PROCESS_GROUP("SIGINT to process group (ZooKeeper HA)", true),
    SIGKILL("SIGKILL", false);

    final String description;
    final boolean highAvailability;

    Ending(String description, boolean highAvailability) {
      this.description = description;
      this.highAvailability = highAvailability;
    }
  }

  @TempDir Path workDir;

  @ParameterizedTest
  @EnumSource(Ending.class)
  void everyClusterProcessIsGoneSoonAfterTheHarnessEnds(Ending ending) throws Exception {
    measureCleanup(ending, false);
  }

  /**
   * A SIGSTOPped process cannot act on SIGTERM or on its closed lifeline: the shutdown hook kills
   * it, and after a SIGKILL of the harness the freeze's own lifeline sends it SIGCONT.
   */
  @ParameterizedTest
  @EnumSource(
      value = Ending.class,
      names = {"MAIN_RETURNS", "SIGKILL"})
  void aFrozenTaskManagerIsGoneSoonAfterTheHarnessEnds(Ending ending) throws Exception {
    measureCleanup(ending, true);
  }

  private void measureCleanup(Ending ending, boolean freezeTaskManager) throws Exception {
    Path output = workDir.resolve("owner.out");
    Process owner = startOwner(ending, freezeTaskManager, output);
    List<Long> pids = List.of();
    try {
      pids = awaitClusterPids(owner, output);
      if (freezeTaskManager) {
        long taskManager = pids.get(pids.size() - 1);
        assertThat(Freeze.state(taskManager))
            .as("TaskManager 1 pid %d", taskManager)
            .isEqualTo("T");
      }

      long started = System.nanoTime();
      end(owner, ending);
      List<Long> left = awaitGone(pids, clusterDir(), owner.pid());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      String measured =
          ending.description
              + (freezeTaskManager ? " with TaskManager 1 frozen" : "")
              + ": all "
              + pids.size()
              + " cluster processes gone in "
              + millis
              + " ms";
      System.out.println(left.isEmpty() ? measured : measured + "; still running: " + left);
      assertThat(left)
          .as("cluster processes still running %s after: %s", OBSERVED_AT_MOST, ending.description)
          .isEmpty();
      assertThat(Duration.ofMillis(millis)).as(measured).isLessThanOrEqualTo(ALLOWED);
      assertThat(owner.waitFor(10, TimeUnit.SECONDS))
          .as("the stand-in harness JVM exited")
          .isTrue();
    } finally {
      owner.destroyForcibly();
      running(pids, clusterDir(), owner.pid())
          .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  private Process startOwner(Ending ending, boolean freezeTaskManager, Path output)
      throws IOException {
    List<String> command = new ArrayList<>();
    // A job a non-interactive shell starts with '&' inherits SIGINT ignored, and a JVM that starts
    // with SIGINT ignored installs no handler for it: give the stand-in the default disposition,
    // as a terminal's foreground job has.
    command.add("env");
    command.add("--default-signal=INT");
    command.add("setsid"); // its own process group, as a terminal gives a foreground job
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith("harness."))
        .sorted()
        .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
    command.add("-Dharness.platform=local");
    command.add("-Dharness.storage=file");
    command.add("-Dharness.work-dir=" + clusterDir());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ClusterOwner.class.getName());
    command.add(ending == Ending.UNCAUGHT_EXCEPTION ? "throw" : "return");
    command.add(Boolean.toString(ending.highAvailability));
    command.add(Boolean.toString(freezeTaskManager));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
  }

  /** Every cluster process of the stand-in names this directory on its command line. */
  private Path clusterDir() {
    return workDir.resolve("harness");
  }

  private static List<Long> awaitClusterPids(Process owner, Path output) {
    String line =
        Waits.until(
            "the stand-in harness to print its cluster pids in " + output,
            Duration.ofSeconds(150),
            () -> pidsLine(output).orElse("no pids line yet"),
            observed -> observed.startsWith(ClusterOwner.PIDS_LINE),
            observed -> owner.isAlive() ? null : "it exited with code " + owner.exitValue());
    return Arrays.stream(line.substring(ClusterOwner.PIDS_LINE.length()).trim().split(" "))
        .map(Long::parseLong)
        .toList();
  }

  private static Optional<String> pidsLine(Path output) throws IOException {
    try {
      return Files.readAllLines(output).stream()
          .filter(l -> l.startsWith(ClusterOwner.PIDS_LINE))
          .findFirst();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static void end(Process owner, Ending ending) throws IOException, InterruptedException {
    switch (ending) {
      case MAIN_RETURNS, UNCAUGHT_EXCEPTION -> {
        OutputStream in = owner.getOutputStream();
        in.write("end\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
      }
      case SIGTERM -> owner.destroy();
      case SIGKILL -> owner.destroyForcibly();
      case SIGINT_TO_PROCESS_GROUP -> {
        // setsid made the owner a group leader: its pid is its process group id
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + owner.pid()).start();
        assertThat(kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0)
            .as("kill -INT -- -%d", owner.pid())
            .isTrue();
      }
    }
  }

  /**
   * Polls every 20 ms (finer than Waits) until the printed pids and any other process started for
   * {@code clusterDir} (a replacement started while shutting down) have exited; returns what is
   * left.
   */
  private static List<Long> awaitGone(List<Long> pids, Path clusterDir, long ownerPid) {
    try {
      Awaitility.await(
              "cluster processes " + pids + " and any started in " + clusterDir + " to exit")
          .atMost(OBSERVED_AT_MOST)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> running(pids, clusterDir, ownerPid).isEmpty());
    } catch (ConditionTimeoutException e) {
      // reported by the caller with the pids still running
    }
    return running(pids, clusterDir, ownerPid);
  }

  /**
   * Pids still running, SIGCONT senders of a freeze included; a zombie has exited and only waits
   * for its new parent to reap it.
   */
  private static List<Long> running(List<Long> pids, Path clusterDir, long ownerPid) {
    String dir = clusterDir.toString();
    return Stream.concat(
            pids.stream(),
            ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ownerPid)
                .filter(p -> belongsToCluster(p.info().commandLine().orElse(""), dir, pids))
                .map(ProcessHandle::pid))
        .distinct()
        .filter(ClusterCleanupIT::isRunning)
        .toList();
  }

  private static boolean belongsToCluster(String commandLine, String clusterDir, List<Long> pids) {
    return commandLine.contains(clusterDir)
        || pids.stream().anyMatch(pid -> commandLine.endsWith("flink-chaos-freeze " + pid));
  }

  private static boolean isRunning(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }
}
