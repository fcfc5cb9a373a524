package io.flinkchaos.harness.platform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * One cluster process kept alive the way a Kubernetes Deployment keeps its pod: when it exits for
 * any reason (a SIGKILL from a fault included) a new generation is started at once. Three exits
 * within {@link #CRASH_WINDOW} of starting stop the restarts (a crash loop), and {@link #stop} ends
 * supervision before terminating the process; a {@link #kill} on purpose never counts as a crash.
 *
 * <p>Each generation runs in its own session ({@code setsid}), so a terminal's Ctrl-C reaches only
 * the harness JVM, which ends its processes itself ({@link ShutdownReaper}) instead of racing their
 * own exits. Its stdin is a pipe from this JVM, the lifeline: the kernel closes it the moment this
 * JVM dies in any way (SIGKILL included) or {@link Process#destroy} closes it, and OrphanGuard in
 * the process halts on that EOF. Nothing is started or restarted once this JVM is shutting down.
 *
 * <p>A {@link #freeze frozen} (SIGSTOPped) process is alive: it is neither replaced nor counted as
 * a crash. Stopping kills it with SIGKILL at once, since a stopped process cannot act on SIGTERM.
 */
final class SupervisedProcess {

  static final Duration CRASH_WINDOW = Duration.ofSeconds(10);

  /** How long {@link #stopAll} waits for SIGKILLed processes to be reaped. */
  static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private static final int CRASH_LOOP_LIMIT = 3;
  private static final Path SETSID = Path.of("/usr/bin/setsid");

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
  private Freeze freeze;
  private Process killed;

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
    // Register before the check: either the reaper sees this process or this sees the reaper.
    ShutdownReaper.register(this);
    if (ShutdownReaper.shuttingDown()) {
      throw new IllegalStateException(name + " not started: the harness JVM is shutting down");
    }
    supervising = true;
    held = false;
    failure = null;
    quickExits = 0;
    launch();
  }

  private void launch() {
    generation++;
    try {
      current = inOwnSessionWithLifeline(launcher.apply(generation)).start();
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

  static ProcessBuilder inOwnSessionWithLifeline(ProcessBuilder builder) {
    if (Files.isExecutable(SETSID)) {
      // setsid execs in place (the child is no group leader), so the pid stays the JVM's
      List<String> command = new ArrayList<>(builder.command());
      command.add(0, SETSID.toString());
      builder.command(command);
    }
    return builder.redirectInput(ProcessBuilder.Redirect.PIPE);
  }

  private synchronized void exited(Process process) {
    if (freeze != null && freeze.process() == process) {
      freeze.abandon();
      freeze = null;
      events.accept(name + " pid " + process.pid() + " exited while frozen");
    }
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
    if (ShutdownReaper.shuttingDown()) {
      supervising = false;
      events.accept(name + " not restarted: the harness JVM is shutting down");
      return;
    }
    // A kill on purpose (a fault) is no crash, however soon after the start it comes: scenarios on
    // a reused cluster kill the same TaskManager every few seconds.
    boolean killedOnPurpose = process == killed;
    quickExits = !killedOnPurpose && lived.compareTo(CRASH_WINDOW) < 0 ? quickExits + 1 : 0;
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
    killed = current;
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

  /**
   * Stops the current process with SIGSTOP; it stays alive and supervised until {@link #thaw()}.
   * Nothing if it is frozen already. Returns the frozen pid.
   */
  synchronized long freeze() {
    if (!supervising || current == null || !current.isAlive()) {
      throw new IllegalStateException(name + " is not running, nothing to freeze");
    }
    if (freeze == null || freeze.process() != current) {
      freeze = Freeze.stop(name, current);
      events.accept(name + " pid " + current.pid() + " frozen with SIGSTOP");
    }
    return current.pid();
  }

  /**
   * Continues the process frozen by {@link #freeze()} with SIGCONT; nothing if none is frozen or
   * the frozen one has exited (a kill replaced it meanwhile). Returns the thawed pid, or -1.
   */
  synchronized long thaw() {
    Freeze frozen = freeze;
    freeze = null;
    if (frozen == null) {
      return -1;
    }
    long pid = frozen.process().pid();
    if (!frozen.process().isAlive()) {
      frozen.abandon();
      return -1;
    }
    frozen.thaw();
    events.accept(name + " pid " + pid + " thawed with SIGCONT");
    return pid;
  }

  /** True while the current process is stopped by {@link #freeze()}. */
  synchronized boolean isFrozen() {
    return freeze != null && freeze.process() == current && current.isAlive();
  }

  /** True while taken down on purpose by {@link #killAndHold()}. */
  synchronized boolean isHeld() {
    return held;
  }

  /** Ends supervision, asks the process to stop (SIGTERM) and kills it after {@code grace}. */
  void stop(Duration grace) {
    stopAll(List.of(this), grace);
  }

  /**
   * Ends the supervision of all {@code processes} first, then SIGTERMs them all at once (SIGKILLs
   * frozen ones), SIGKILLs those still running after {@code grace}, and waits at most {@link
   * #KILL_WAIT} for those.
   */
  static void stopAll(Collection<SupervisedProcess> processes, Duration grace) {
    List<Stopping> stopping = new ArrayList<>();
    for (SupervisedProcess owner : processes) {
      Stopping s = owner.endSupervision();
      if (s != null && s.process().isAlive()) {
        stopping.add(s);
      }
    }
    for (Stopping s : stopping) {
      if (s.frozen()) {
        s.report("frozen, killed with SIGKILL");
        s.process().destroyForcibly();
      } else {
        s.process().destroy();
      }
    }
    if (awaitExit(stopping, grace)) {
      return;
    }
    for (Stopping s : stopping) {
      if (s.process().isAlive()) {
        s.report("still running " + grace.toMillis() + " ms after SIGTERM, killed with SIGKILL");
        s.process().destroyForcibly();
      }
    }
    if (!awaitExit(stopping, KILL_WAIT)) {
      stopping.stream()
          .filter(s -> s.process().isAlive())
          .forEach(s -> s.report("still running " + KILL_WAIT.toSeconds() + " s after SIGKILL"));
    }
  }

  private record Stopping(SupervisedProcess owner, Process process, boolean frozen) {
    void report(String what) {
      owner.events.accept(owner.name + " pid " + process.pid() + " " + what);
    }
  }

  /** Ends supervision and any freeze's pending SIGCONT; null if nothing was ever started. */
  private synchronized Stopping endSupervision() {
    supervising = false;
    ShutdownReaper.unregister(this);
    boolean frozen = isFrozen();
    if (freeze != null) {
      freeze.abandon();
      freeze = null;
    }
    return current == null ? null : new Stopping(this, current, frozen);
  }

  private static boolean awaitExit(List<Stopping> stopping, Duration atMost) {
    CompletableFuture<?>[] exits =
        stopping.stream().map(s -> s.process().onExit()).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(atMost.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
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
