package io.flinkchaos.harness.platform;

import java.time.Instant;

/** A cluster process started, was killed, or exited, as the harness that supervises it saw it. */
public record ProcessEvent(Instant at, String process, int generation, long pid, Type type) {

  public enum Type {
    STARTED,
    KILLED,
    EXITED
  }

  @Override
  public String toString() {
    return process
        + " generation "
        + generation
        + " (pid "
        + pid
        + ") "
        + type.name().toLowerCase();
  }
}
