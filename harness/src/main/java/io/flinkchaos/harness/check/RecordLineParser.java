package io.flinkchaos.harness.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses committed lines {@code key,seq[,count[,version[,more...]]]} straight from bytes, without a
 * String per line: the checker's hot loop. Well-formed lines take a single pass ({@link
 * #fastLine}); anything else falls back to finding the line's end and parsing it field by field.
 * Keys and seqs are non-negative whole numbers; a missing count or version is passed on as -1.
 */
final class RecordLineParser {

  /** Receives every parsed record, and every line that is not one. */
  interface Records {
    void record(long key, long seq, long count, int version);

    void unreadable(String file, long lineNumber, String line);
  }

  private final VersionOrder versions;
  private final byte[] buffer = new byte[BoundedLineReader.MAX_LINE_BYTES];
  private byte[] lastVersion = new byte[0];
  private int lastVersionIndex = -1;
  private long number;

  RecordLineParser(VersionOrder versions) {
    this.versions = versions;
  }

  void parse(String file, InputStream in, Records sink) throws IOException {
    int filled = 0;
    long lineNumber = 0;
    boolean skippingLongLine = false;
    while (true) {
      int read = in.read(buffer, filled, buffer.length - filled);
      if (read < 0) {
        if (filled > 0) {
          parseLine(file, ++lineNumber, buffer, 0, filled, sink);
        }
        return;
      }
      filled += read;
      int lineStart = 0;
      if (skippingLongLine) {
        // The rest of a line already reported as too long is not a record of its own.
        int newline = indexOfNewline(buffer, 0, filled);
        if (newline < 0) {
          filled = 0;
          continue;
        }
        skippingLongLine = false;
        lineStart = newline + 1;
      }
      while (lineStart < filled) {
        int next = fastLine(buffer, lineStart, filled, sink);
        if (next >= 0) {
          lineNumber++;
          lineStart = next;
          continue;
        }
        int newline = indexOfNewline(buffer, lineStart, filled);
        if (newline < 0) {
          break;
        }
        parseLine(file, ++lineNumber, buffer, lineStart, newline, sink);
        lineStart = newline + 1;
      }
      if (lineStart == 0 && filled == buffer.length) {
        sink.unreadable(file, ++lineNumber, "line longer than " + buffer.length + " bytes");
        skippingLongLine = true;
        filled = 0;
        continue;
      }
      System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
      filled -= lineStart;
    }
  }

  /**
   * The hot path: parses one well-formed line ({@code key,seq\n}, {@code key,seq,count\n} or {@code
   * key,seq,count,version[,more...]\n}, numbers of 1 to 18 digits) in a single pass from {@code i},
   * hands it to the sink and returns the index after its newline. Returns -1, having handed nothing
   * on, for anything else (an incomplete line at the end of the buffer, a CR, an empty field, a
   * non-digit): {@link #parseLine} then decides, exactly as before.
   */
  private int fastLine(byte[] b, int i, int filled, Records sink) {
    int start = i;
    long key = 0;
    int digit;
    while (i < filled && (digit = b[i] - '0') >= 0 && digit <= 9) {
      key = key * 10 + digit;
      i++;
    }
    if (i == filled || b[i] != ',' || i == start || i - start > 18) {
      return -1;
    }
    start = ++i;
    long seq = 0;
    while (i < filled && (digit = b[i] - '0') >= 0 && digit <= 9) {
      seq = seq * 10 + digit;
      i++;
    }
    if (i == filled || i == start || i - start > 18) {
      return -1;
    }
    if (b[i] == '\n') {
      sink.record(key, seq, -1, -1);
      return i + 1;
    }
    if (b[i] != ',') {
      return -1;
    }
    start = ++i;
    long count = 0;
    while (i < filled && (digit = b[i] - '0') >= 0 && digit <= 9) {
      count = count * 10 + digit;
      i++;
    }
    if (i == filled || i == start || i - start > 18) {
      return -1;
    }
    if (b[i] == '\n') {
      sink.record(key, seq, count, -1);
      return i + 1;
    }
    if (b[i] != ',') {
      return -1;
    }
    start = ++i;
    byte c;
    while (i < filled && (c = b[i]) != ',' && c != '\n' && c != '\r') {
      i++;
    }
    if (i == filled || i == start || b[i] == '\r') {
      return -1;
    }
    int versionEnd = i;
    while (i < filled && b[i] != '\n') {
      i++;
    }
    if (i == filled) {
      return -1;
    }
    sink.record(key, seq, count, versionIndex(b, start, versionEnd));
    return i + 1;
  }

  private static int indexOfNewline(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void parseLine(String file, long lineNumber, byte[] b, int from, int to, Records sink) {
    if (to > from && b[to - 1] == '\r') {
      to--;
    }
    if (to == from) {
      return;
    }
    int pos = parseNumber(b, from, to);
    long key = number;
    if (pos < 0 || pos >= to) {
      sink.unreadable(file, lineNumber, text(b, from, to));
      return;
    }
    pos = parseNumber(b, pos + 1, to);
    long seq = number;
    if (pos < 0) {
      sink.unreadable(file, lineNumber, text(b, from, to));
      return;
    }
    long count = -1;
    int version = -1;
    if (pos < to) {
      pos = parseNumber(b, pos + 1, to);
      count = number;
      if (pos < 0) {
        sink.unreadable(file, lineNumber, text(b, from, to));
        return;
      }
      if (pos < to) {
        int end = pos + 1;
        while (end < to && b[end] != ',') {
          end++;
        }
        version = versionIndex(b, pos + 1, end);
      }
    }
    sink.record(key, seq, count, version);
  }

  /**
   * Parses digits from {@code pos} up to a comma or {@code to} into {@link #number}; returns the
   * position of the comma (or {@code to}), or -1 if there is no number there.
   */
  private int parseNumber(byte[] b, int pos, int to) {
    long value = 0;
    int start = pos;
    while (pos < to && b[pos] != ',') {
      int digit = b[pos] - '0';
      if (digit < 0 || digit > 9 || pos - start >= 18) {
        return -1;
      }
      value = value * 10 + digit;
      pos++;
    }
    number = value;
    return pos == start ? -1 : pos;
  }

  private static String text(byte[] b, int from, int to) {
    return new String(b, from, Math.min(to - from, 200), StandardCharsets.UTF_8);
  }

  private int versionIndex(byte[] b, int from, int to) {
    if (to - from == lastVersion.length && Arrays.equals(b, from, to, lastVersion, 0, to - from)) {
      return lastVersionIndex;
    }
    lastVersion = Arrays.copyOfRange(b, from, to);
    lastVersionIndex = versions.indexOf(new String(lastVersion, StandardCharsets.UTF_8));
    return lastVersionIndex;
  }
}
