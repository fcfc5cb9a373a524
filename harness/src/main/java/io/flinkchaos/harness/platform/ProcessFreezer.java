package io.flinkchaos.harness.platform;

/**
 * Stops a Flink process without killing it (SIGSTOP), as a long GC pause or a stuck node does, and
 * lets it go on (SIGCONT). A frozen process keeps its sockets and state and wakes up believing no
 * time has passed.
 */
public interface ProcessFreezer {

  void freeze(FlinkProcess process);

  /** Continues a frozen process; nothing if it is not frozen (or has been replaced meanwhile). */
  void thaw(FlinkProcess process);
}
