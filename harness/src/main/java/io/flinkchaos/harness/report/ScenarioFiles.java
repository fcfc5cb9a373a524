package io.flinkchaos.harness.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A scenario's files under reports/: its timeline picture and, if it failed, its evidence. */
public final class ScenarioFiles {

  private final ReportPaths paths;

  public ScenarioFiles(ReportPaths paths) {
    this.paths = paths;
  }

  /** Writes the picture to reports/timelines/; the record then names it. */
  public ScenarioRecord timeline(ScenarioRecord record, byte[] png) {
    String relative = paths.timeline(record.id());
    write(paths.resolve(relative), png);
    return record.withTimeline(relative);
  }

  /** Writes every evidence item, headed by its name, to reports/evidence/. */
  public ScenarioRecord evidence(ScenarioRecord record, List<Evidence.Item> items) {
    String relative = paths.evidence(record.id());
    String text =
        items.stream()
            .map(item -> "==== " + item.name() + " ====\n" + item.text())
            .collect(Collectors.joining("\n\n"));
    write(paths.resolve(relative), text.getBytes(StandardCharsets.UTF_8));
    return record.withEvidence(relative);
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
