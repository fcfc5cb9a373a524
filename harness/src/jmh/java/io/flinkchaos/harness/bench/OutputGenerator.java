package io.flinkchaos.harness.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes committed output as a parallel FileSink leaves it: keys spread over subtasks, each subtask
 * emitting its keys in a shuffled order, round after round ({@code key,seq,seq+1,v1}), rolling a
 * part file every {@code recordsPerFile} records ({@code part-<uuid>-<subtask>-<counter>}, counters
 * not zero-padded, so listing order is not emission order) into hourly bucket directories.
 */
public final class OutputGenerator {

  static final int SUBTASKS = 4;
  static final int FILES_PER_BUCKET = 8;
  private static final String UUID = "5f0c2a4e-8d1b-4c7e-9a3f-2b6d8e1f0a7c";
  private static final String COMPLETE = "_GENERATED";

  private OutputGenerator() {}

  /**
   * Writes {@code keys * recordsPerKey} records under {@code dir}, unless a previous run already
   * wrote exactly this data set there. Returns the number of records.
   */
  public static long generate(Path dir, int keys, long recordsPerKey, long recordsPerFile)
      throws IOException {
    String description = keys + " keys x " + recordsPerKey + " records, " + recordsPerFile;
    Path marker = dir.resolve(COMPLETE);
    if (Files.exists(marker) && Files.readString(marker).equals(description)) {
      return keys * recordsPerKey;
    }
    delete(dir);
    Files.createDirectories(dir);
    Random random = new Random(42);
    for (int subtask = 0; subtask < SUBTASKS; subtask++) {
      List<Integer> own = new ArrayList<>();
      for (int key = subtask; key < keys; key += SUBTASKS) {
        own.add(key);
      }
      Collections.shuffle(own, random);
      writeSubtask(
          dir,
          subtask,
          own.stream().mapToInt(Integer::intValue).toArray(),
          recordsPerKey,
          recordsPerFile);
    }
    Files.writeString(marker, description);
    return keys * recordsPerKey;
  }

  private static void writeSubtask(
      Path dir, int subtask, int[] keys, long recordsPerKey, long recordsPerFile)
      throws IOException {
    LineWriter writer = new LineWriter(dir, subtask, recordsPerFile);
    try {
      for (long seq = 0; seq < recordsPerKey; seq++) {
        for (int key : keys) {
          writer.line(key, seq);
        }
      }
    } finally {
      writer.close();
    }
  }

  public static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Formats lines straight into a byte buffer and rolls part files. */
  private static final class LineWriter {
    private final Path dir;
    private final int subtask;
    private final long recordsPerFile;
    private final byte[] buffer = new byte[1 << 20];
    private final byte[] digits = new byte[20];
    private int filled;
    private int counter = -1;
    private long inFile;
    private OutputStream out;

    LineWriter(Path dir, int subtask, long recordsPerFile) {
      this.dir = dir;
      this.subtask = subtask;
      this.recordsPerFile = recordsPerFile;
    }

    void line(long key, long seq) throws IOException {
      if (out == null || inFile == recordsPerFile) {
        roll();
      }
      if (filled > buffer.length - 80) {
        flush();
      }
      number(key);
      buffer[filled++] = ',';
      number(seq);
      buffer[filled++] = ',';
      number(seq + 1);
      buffer[filled++] = ',';
      buffer[filled++] = 'v';
      buffer[filled++] = '1';
      buffer[filled++] = '\n';
      inFile++;
    }

    private void number(long value) {
      int n = 0;
      do {
        digits[n++] = (byte) ('0' + value % 10);
        value /= 10;
      } while (value > 0);
      while (n > 0) {
        buffer[filled++] = digits[--n];
      }
    }

    private void roll() throws IOException {
      close();
      counter++;
      Path bucket =
          dir.resolve(String.format("2026-11-25--%02d", (counter / FILES_PER_BUCKET) % 24));
      Files.createDirectories(bucket);
      out = Files.newOutputStream(bucket.resolve("part-" + UUID + "-" + subtask + "-" + counter));
      inFile = 0;
    }

    private void flush() throws IOException {
      out.write(buffer, 0, filled);
      filled = 0;
    }

    void close() throws IOException {
      if (out != null) {
        flush();
        out.close();
        out = null;
      }
    }
  }
}
