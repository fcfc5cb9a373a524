package io.flinkchaos.harness.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Committed output as the sequence job writes it, for tests that hand-craft anomalies. */
public final class OutputLines {

  private OutputLines() {}

  /** Lines {@code key,seq,seq+1,version} for keys 0..keys-1 and seqs from..to (inclusive). */
  public static List<String> clean(int keys, long from, long to, String version) {
    List<String> lines = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      for (int key = 0; key < keys; key++) {
        lines.add(key + "," + seq + "," + (seq + 1) + "," + version);
      }
    }
    return lines;
  }

  /** Writes a part file at {@code relativePath} under {@code root}, creating its directories. */
  public static Path write(Path root, String relativePath, List<String> lines) throws IOException {
    Path file = root.resolve(relativePath);
    Files.createDirectories(file.getParent());
    Files.write(file, lines);
    return file;
  }
}
