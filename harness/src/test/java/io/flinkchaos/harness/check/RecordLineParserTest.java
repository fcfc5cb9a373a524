package io.flinkchaos.harness.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordLineParserTest {

  /** Records as text ("key seq count version") and unreadable lines ("! lineNumber text"). */
  private static final class Collected implements RecordLineParser.Records {
    final List<String> seen = new ArrayList<>();

    @Override
    public void record(long key, long seq, long count, int version) {
      seen.add(key + " " + seq + " " + count + " " + version);
    }

    @Override
    public void unreadable(String file, long lineNumber, String line) {
      seen.add("! " + lineNumber + " " + line);
    }
  }

  /** Hands out at most {@code chunk} bytes per read, so lines straddle every boundary. */
  private static InputStream chunked(String text, int chunk) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  private static List<String> parse(String text, int chunk) throws IOException {
    Collected collected = new Collected();
    new RecordLineParser(new VersionOrder()).parse("part-0", chunked(text, chunk), collected);
    return collected.seen;
  }

  private static final String MIXED =
      "0,0,1,v1\n"
          + "1,5\n"
          + "2,7,8\n"
          + "3,9,10,v2,extra,fields\n"
          + "4,1,2,v1\r\n"
          + "5,2,3\r\n"
          + "\n"
          + "x,1,2,v1\n"
          + "6,\n"
          + "7,1,,v1\n"
          + "1234567890123456789,1,2,v1\n"
          + "8,3,4,v2\n"
          + "9,4,5,v1";

  private static final List<String> EXPECTED =
      List.of(
          "0 0 1 0",
          "1 5 -1 -1",
          "2 7 8 -1",
          "3 9 10 1",
          "4 1 2 0",
          "5 2 3 -1",
          "! 8 x,1,2,v1",
          "! 9 6,",
          "! 10 7,1,,v1",
          "! 11 1234567890123456789,1,2,v1",
          "8 3 4 1",
          "9 4 5 0");

  @Test
  void wellFormedAndOddLinesParseAlikeWhateverTheReadSizes() throws IOException {
    for (int chunk : new int[] {1, 2, 3, 5, 7, 13, 64, 1 << 16}) {
      assertThat(parse(MIXED, chunk)).as("reads of %d bytes", chunk).isEqualTo(EXPECTED);
    }
  }

  @Test
  void eighteenDigitsAreANumber() throws IOException {
    assertThat(parse("123456789012345678,1\n", 4)).containsExactly("123456789012345678 1 -1 -1");
  }

  @Test
  void aLineLongerThanTheBufferIsUnreadable() throws IOException {
    String text = "1,".repeat(40_000) + "\n0,0,1,v1\n";

    assertThat(parse(text, 1 << 16)).containsExactly("! 1 line longer than 65536 bytes", "0 0 1 0");
    assertThat(parse(text, 1000)).containsExactly("! 1 line longer than 65536 bytes", "0 0 1 0");
  }
}
