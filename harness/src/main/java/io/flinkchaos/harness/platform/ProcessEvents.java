package io.flinkchaos.harness.platform;

import java.util.List;

/**
 * A cluster whose processes the harness supervises itself (the local platform), so it knows when
 * each started and died even while Flink's REST API is down.
 */
public interface ProcessEvents {

  /** All events so far, oldest first. */
  List<ProcessEvent> history();
}
