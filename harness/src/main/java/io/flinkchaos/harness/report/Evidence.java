package io.flinkchaos.harness.report;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Named text evidence (logs, REST snapshots, checker reports) for one scenario's report. */
public final class Evidence {

  /** One attachment: a name and its text. */
  public record Item(String name, String text) {}

  private static final int DEFAULT_TAIL_BYTES = 64 * 1024;

  private final List<Item> items = new ArrayList<>();

  public synchronized void add(String name, String text) {
    items.add(new Item(name, text));
  }

  /** The last 64 KB of a file (a log), or a line saying why it could not be read. */
  public void addTail(String name, Path file) {
    add(name, tail(file, DEFAULT_TAIL_BYTES));
  }

  public synchronized List<Item> items() {
    return List.copyOf(items);
  }

  static String tail(Path file, int maxBytes) {
    if (!Files.isRegularFile(file)) {
      return "(no file at " + file + ")";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long from = Math.max(0, length - maxBytes);
      byte[] bytes = new byte[(int) (length - from)];
      in.seek(from);
      in.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      return from == 0 ? text : "... (last " + maxBytes / 1024 + " KB of " + file + ")\n" + text;
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
