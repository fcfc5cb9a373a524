package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.platform.ProcessEvent;
import io.flinkchaos.harness.platform.ProcessEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What happened to a local cluster, one time-stamped line each (starts, exits, kills, freezes,
 * submissions), in {@code cluster-events.log} for the evidence; the starts, kills and exits that
 * {@link SupervisedProcess} reports are also kept as {@link ProcessEvent}s.
 */
final class ClusterEventLog implements ProcessEvents {

  private static final Pattern STARTED =
      Pattern.compile("(\\S+) generation (\\d+) started, pid (\\d+)");

  private static final Pattern KILLED = Pattern.compile("(\\S+) pid (\\d+) killed with SIGKILL.*");
  private static final Pattern EXITED = Pattern.compile("(\\S+) pid (\\d+) exited with code .*");

  private final Path file;
  private final List<ProcessEvent> processEvents = new ArrayList<>();
  private final Map<Long, Integer> generationOfPid = new HashMap<>();

  ClusterEventLog(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  synchronized void record(String line) {
    recordProcessEvent(line);
    String stamped = LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + line + "\n";
    try {
      Files.writeString(file, stamped, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The events log is evidence only; the process state itself is tracked in memory.
    }
  }

  private void recordProcessEvent(String line) {
    Instant now = Instant.now();
    Matcher started = STARTED.matcher(line);
    if (started.matches()) {
      int generation = Integer.parseInt(started.group(2));
      long pid = Long.parseLong(started.group(3));
      generationOfPid.put(pid, generation);
      processEvents.add(
          new ProcessEvent(now, started.group(1), generation, pid, ProcessEvent.Type.STARTED));
      return;
    }
    for (var entry :
        Map.of(KILLED, ProcessEvent.Type.KILLED, EXITED, ProcessEvent.Type.EXITED).entrySet()) {
      Matcher matcher = entry.getKey().matcher(line);
      if (matcher.matches()) {
        long pid = Long.parseLong(matcher.group(2));
        processEvents.add(
            new ProcessEvent(
                now,
                matcher.group(1),
                generationOfPid.getOrDefault(pid, 0),
                pid,
                entry.getValue()));
        return;
      }
    }
  }

  @Override
  public synchronized List<ProcessEvent> history() {
    return List.copyOf(processEvents);
  }
}
