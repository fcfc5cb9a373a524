package io.flinkchaos.harness.platform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * One cluster process kept alive the way a Kubernetes Deployment keeps its pod: when it exits for
 * any reason (a SIGKILL from a fault included) a new generation is started at once. Three exits
 * within {@link #CRASH_WINDOW} of starting stop the restarts (a crash loop), and {@link #stop} ends
 * supervision before terminating the process.
 */
final class SupervisedProcess {

  static final Duration CRASH_WINDOW = Duration.ofSeconds(10);
  private static final int CRASH_LOOP_LIMIT = 3;

  private final String name;
  private final IntFunction<ProcessBuilder> launcher;
  private final Consumer<String> events;
  private boolean supervising;
  private Process current;
  private Instant startedAt;
  private int generation;
  private int quickExits;
  private String failure;
  private boolean held;

  /**
   * @param launcher builds the command for a generation (1, 2, ...)
   * @param events receives one line per start, exit and restart
   */
  SupervisedProcess(String name, IntFunction<ProcessBuilder> launcher, Consumer<String> events) {
    this.name = name;
    this.launcher = launcher;
    this.events = events;
  }

  synchronized void start() {
    supervising = true;
    held = false;
    failure = null;
    quickExits = 0;
    launch();
  }

  private void launch() {
    generation++;
    try {
      current = launcher.apply(generation).start();
    } catch (IOException e) {
      supervising = false;
      failure = name + " could not be started: " + e.getMessage();
      events.accept(failure);
      throw new UncheckedIOException(failure, e);
    }
    startedAt = Instant.now();
    Process started = current;
    events.accept(name + " generation " + generation + " started, pid " + started.pid());
    started.onExit().thenAccept(this::exited);
  }

  private synchronized void exited(Process process) {
    if (process != current || !supervising) {
      return;
    }
    Duration lived = Duration.between(startedAt, Instant.now());
    events.accept(
        name
            + " pid "
            + process.pid()
            + " exited with code "
            + process.exitValue()
            + " after "
            + lived.toMillis()
            + " ms");
    quickExits = lived.compareTo(CRASH_WINDOW) < 0 ? quickExits + 1 : 0;
    if (quickExits >= CRASH_LOOP_LIMIT) {
      supervising = false;
      failure =
          name
              + " exited "
              + quickExits
              + " times within "
              + CRASH_WINDOW.toSeconds()
              + " s of starting (last exit code "
              + process.exitValue()
              + "); not restarting it";
      events.accept(failure);
      return;
    }
    launch();
  }

  /** Sends SIGKILL to the current process; supervision replaces it. Returns the killed pid. */
  synchronized long kill() {
    if (current == null || !current.isAlive()) {
      throw new IllegalStateException(name + " is not running, nothing to kill");
    }
    long pid = current.pid();
    events.accept(name + " pid " + pid + " killed with SIGKILL");
    current.destroyForcibly();
    return pid;
  }

  /** SIGKILLs the current process and keeps it down until {@link #start()} is called again. */
  synchronized long killAndHold() {
    supervising = false;
    held = true;
    long pid = current == null ? -1 : current.pid();
    if (current != null && current.isAlive()) {
      events.accept(name + " pid " + pid + " killed with SIGKILL and held down");
      current.destroyForcibly();
    }
    return pid;
  }

  /** True while taken down on purpose by {@link #killAndHold()}. */
  synchronized boolean isHeld() {
    return held;
  }

  /** Ends supervision, asks the process to stop (SIGTERM) and kills it after {@code grace}. */
  void stop(Duration grace) {
    Process process;
    synchronized (this) {
      supervising = false;
      process = current;
    }
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      process.destroyForcibly();
      process.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (java.util.concurrent.ExecutionException e) {
      process.destroyForcibly();
    }
  }

  String name() {
    return name;
  }

  synchronized int generation() {
    return generation;
  }

  synchronized boolean isAlive() {
    return current != null && current.isAlive();
  }

  synchronized long pid() {
    return current == null ? -1 : current.pid();
  }

  /** Why supervision gave up, or null. */
  synchronized String failure() {
    return failure;
  }
}
