package io.flinkchaos.harness.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines of at most {@link #MAX_LINE_BYTES} bytes: a longer line (a corrupt file, a part file
 * of some other job, 50 MB without a newline) is reported as too long and its tail skipped, so no
 * input can exhaust the checker's memory. {@link RecordLineParser} applies the same limit.
 */
final class BoundedLineReader {

  /** The longest line either checker reads; longer ones are unreadable. */
  static final int MAX_LINE_BYTES = 1 << 16;

  /** One line without its terminator; {@code tooLong} if it exceeded the limit (text truncated). */
  record Line(long number, String text, boolean tooLong) {}

  private final InputStream in;
  private final byte[] buffer = new byte[8192];
  private final byte[] line = new byte[MAX_LINE_BYTES];
  private int position;
  private int limit;
  private long number;

  BoundedLineReader(InputStream in) {
    this.in = in;
  }

  /** The next line, or null at the end of the input. */
  Line next() throws IOException {
    int length = 0;
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return any ? line(length, tooLong) : null;
        }
      }
      any = true;
      byte b = buffer[position++];
      if (b == '\n') {
        return line(length, tooLong);
      }
      if (length < line.length) {
        line[length++] = b;
      } else {
        tooLong = true;
      }
    }
  }

  private Line line(int length, boolean tooLong) {
    if (!tooLong && length > 0 && line[length - 1] == '\r') {
      length--;
    }
    int shown = tooLong ? Math.min(length, 200) : length;
    return new Line(++number, new String(line, 0, shown, StandardCharsets.UTF_8), tooLong);
  }
}
