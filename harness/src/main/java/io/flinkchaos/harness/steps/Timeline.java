package io.flinkchaos.harness.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What happened in a scenario and when, relative to its start: faults, restores, verdicts. */
public final class Timeline {

  private record Entry(Instant at, String text) {}

  private final Instant start = Instant.now();
  private final List<Entry> entries = new ArrayList<>();

  /** When the scenario started: offsets in its reports count from here. */
  public Instant start() {
    return start;
  }

  public synchronized void record(Instant at, String text) {
    entries.add(new Entry(at, text));
  }

  public synchronized String render() {
    return entries.stream()
        .sorted((a, b) -> a.at().compareTo(b.at()))
        .map(
            e ->
                String.format(
                    java.util.Locale.ROOT,
                    "+%7.3f s  %s",
                    Duration.between(start, e.at()).toMillis() / 1000.0,
                    e.text()))
        .collect(Collectors.joining("\n"));
  }
}
