package io.flinkchaos.harness.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitnessCheckerTest {

  @TempDir Path output;

  private CheckResult check() {
    return new WitnessChecker().check(new FileCommittedOutput(output));
  }

  private void write(String name, String... lines) throws IOException {
    Files.write(output.resolve(name), List.of(lines));
  }

  @Test
  void witnessThatNeverCommittedIsUnknownNotValid() {
    assertThat(check().verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(check().summary()).contains("committed no start marker");
  }

  @Test
  void startMarkersWithoutViolationsAreValid() throws IOException {
    write("part-a-0-0", "0,0,0,witness-started");
    write("part-a-1-0", "1,0,0,witness-started");

    CheckResult result = check();

    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    assertThat(result.summary()).contains("0 violations seen inside the job over 2 task attempts");
  }

  @Test
  void adjacentViolationsOfOneKeyMergeIntoRanges() throws IOException {
    write(
        "part-a-0-0",
        "0,0,0,witness-started",
        "7,40,40,duplicated",
        "7,41,41,duplicated",
        "7,42,42,duplicated",
        "9,10,12,lost",
        "3,55,55,state-reset");

    CheckResult result = check();

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomalies())
        .extracting(Anomaly::toString)
        .containsExactly(
            "lost key 9 seq 10..12", "duplicated key 7 seq 40..42", "state reset key 3 seq 55");
  }

  @Test
  void unreadableWitnessLineIsUnexpected() throws IOException {
    write("part-a-0-0", "0,0,0,witness-started", "7,x,40,duplicated");

    assertThat(check().anomaliesOf(AnomalyCategory.UNEXPECTED))
        .singleElement()
        .satisfies(a -> assertThat(a.detail()).contains("unreadable witness line 2 of part-a-0-0"));
  }

  private static final String JOB = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
  private static final String OLD_JOB = "00000000000000000000000000000001";

  private static String marker(int subtask, int attempt, long start, String job) {
    return subtask + "," + attempt + "," + start + ",witness-started," + job;
  }

  @Test
  void markersWithAttemptsAndJobIdOfEverySubtaskAtTheHighestAttemptAreValid() throws IOException {
    write("part-a-0-0", marker(0, 0, 1000, JOB), marker(0, 1, 2000, JOB), marker(0, 2, 3000, JOB));
    write("part-a-1-0", marker(1, 0, 1000, JOB), marker(1, 1, 2000, JOB), marker(1, 2, 3000, JOB));

    CheckResult result = check();

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
    assertThat(result.summary()).contains("over 6 task attempts (attempts 0..2 of 2 subtasks)");
  }

  @Test
  void aSubtaskWhoseNewestMarkerLagsTheJobsHighestAttemptIsUnknown() throws IOException {
    write("part-a-0-0", marker(0, 0, 1000, JOB), marker(0, 1, 2000, JOB), marker(0, 2, 3000, JOB));
    write("part-a-1-0", marker(1, 0, 1000, JOB), marker(1, 1, 2000, JOB));

    CheckResult result = check();

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.reason())
        .isEqualTo(
            "subtask 1's newest start marker is of attempt 1 but job "
                + JOB
                + "'s newest is of attempt 2: its witness did not commit since the last restore");
  }

  @Test
  void afterAJobManagerFailoverASubtaskWhoseWitnessStoppedIsUnknown() throws IOException {
    // Same job id, attempt numbers from 0 again after the failover at 10 000 ms; subtask 1's
    // witness left no marker since, so its newest marker is the old generation's attempt 2.
    write("part-a-0-0", marker(0, 0, 1000, JOB), marker(0, 2, 3000, JOB), marker(0, 0, 10000, JOB));
    write("part-a-1-0", marker(1, 0, 1000, JOB), marker(1, 2, 3000, JOB));

    CheckResult result = check();

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.reason()).startsWith("subtask 1's newest start marker is of attempt 2");
  }

  @Test
  void afterAJobManagerFailoverEverySubtaskRestartedIsValid() throws IOException {
    write("part-a-0-0", marker(0, 2, 3000, JOB), marker(0, 0, 10000, JOB));
    write("part-a-1-0", marker(1, 2, 3000, JOB), marker(1, 0, 10050, JOB));

    CheckResult result = check();

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
  }

  @Test
  void onlyTheNewestJobCountsAnOlderJobsAttemptsDoNot() throws IOException {
    // The old job (before a savepoint upgrade) reached attempt 3 on subtask 0 only; the new job
    // started fresh at attempt 0 on both subtasks, and its markers are newer.
    write("part-a-0-0", marker(0, 3, 5000, OLD_JOB), marker(1, 1, 4000, OLD_JOB));
    write("part-b-0-0", marker(0, 0, 9000, JOB), marker(1, 0, 9000, JOB));

    CheckResult result = check();

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
    assertThat(result.summary()).contains("attempt 0 of 2 subtasks in the newest of 2 jobs");
  }

  @Test
  void requireStartedIsUnknownUntilEveryCurrentAttemptLeftAMarker() throws IOException {
    write("part-a-0-0", marker(0, 0, 1000, JOB), marker(1, 0, 1000, JOB), marker(0, 1, 2000, JOB));
    FileCommittedOutput out = new FileCommittedOutput(output);

    CheckResult waiting = new WitnessChecker().requireStarted(JOB, Map.of(0, 1, 1, 3)).check(out);
    CheckResult otherJob = new WitnessChecker().requireStarted(OLD_JOB, Map.of(0, 0)).check(out);
    CheckResult started = new WitnessChecker().requireStarted(JOB, Map.of(0, 1, 1, 0)).check(out);

    assertThat(waiting.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(waiting.reason())
        .isEqualTo(
            "no start marker from subtask 1 attempt 3 of job "
                + JOB
                + ": the witness did not commit since the last restore");
    assertThat(otherJob.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(started.verdict()).as(started.summary()).isEqualTo(Verdict.VALID);
  }

  @Test
  void violationsAreInvalidEvenWhenAMarkerIsMissing() throws IOException {
    write("part-a-0-0", marker(0, 0, 1000, JOB), "7,40,41,duplicated");

    CheckResult result =
        new WitnessChecker()
            .requireStarted(JOB, Map.of(0, 1))
            .check(new FileCommittedOutput(output));

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
  }

  @Test
  void oldMarkersWithoutJobIdStillParseAsAttemptZero() throws IOException {
    write("part-a-0-0", "0,0,0,witness-started", "1,0,0,witness-started");

    CheckResult result = check();

    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    assertThat(result.summary()).contains("over 2 task attempts (attempt 0 of 2 subtasks)");
  }

  @Test
  void aMarkerWithANonNumericAttemptIsUnexpected() throws IOException {
    write("part-a-0-0", "0,0,0,witness-started", "1,x,0,witness-started," + JOB);

    assertThat(check().anomaliesOf(AnomalyCategory.UNEXPECTED)).hasSize(1);
  }

  @Test
  void a64MegabyteLineWithoutNewlineIsOneUnreadableLineNotAnOutOfMemoryError() {
    long size = 64L << 20;
    CommittedFile huge = new CommittedFile("part-a-0-0", size + 24);
    CommittedOutput output =
        new CommittedOutput() {
          @Override
          public String location() {
            return "memory:huge";
          }

          @Override
          public List<CommittedFile> committedFiles() {
            return List.of(huge);
          }

          @Override
          public InputStream open(CommittedFile file) {
            // 64 MB of one line generated on the fly, then a marker: never held in memory here.
            return new SequenceInputStream(
                new RepeatedByteStream('x', size),
                new ByteArrayInputStream(
                    "\n0,0,0,witness-started\n".getBytes(StandardCharsets.UTF_8)));
          }
        };

    CheckResult result = new WitnessChecker().check(output);

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomalies())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.detail())
                    .isEqualTo(
                        "unreadable witness line 1 of part-a-0-0: line longer than 65536 bytes"));
  }

  /** {@code size} copies of one byte, without allocating them. */
  static final class RepeatedByteStream extends InputStream {
    private final byte value;
    private long remaining;

    RepeatedByteStream(char value, long size) {
      this.value = (byte) value;
      this.remaining = size;
    }

    @Override
    public int read() {
      if (remaining == 0) {
        return -1;
      }
      remaining--;
      return value;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining == 0) {
        return -1;
      }
      int n = (int) Math.min(len, remaining);
      Arrays.fill(b, off, off + n, value);
      remaining -= n;
      return n;
    }
  }
}
