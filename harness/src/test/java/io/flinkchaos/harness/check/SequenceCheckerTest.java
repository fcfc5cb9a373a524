package io.flinkchaos.harness.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceCheckerTest {

  @TempDir Path output;

  private static List<String> clean(int keys, long from, long to, String version) {
    return OutputLines.clean(keys, from, to, version);
  }

  private void write(String relativePath, List<String> lines) throws IOException {
    OutputLines.write(output, relativePath, lines);
  }

  private CheckResult check(int keys) {
    return SequenceChecker.forKeys(keys).check(new FileCommittedOutput(output));
  }

  @Test
  void cleanOutputSplitOverBucketsAndFilesIsValid() throws IOException {
    write("2026-11-25--10/part-a-0-0", clean(4, 0, 49, "v1"));
    write("2026-11-25--10/part-a-0-1", clean(4, 50, 99, "v1"));
    write("2026-11-25--11/part-b-1-0", clean(4, 100, 120, "v1"));

    CheckResult result = check(4);

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
    assertThat(result.records()).isEqualTo(4 * 121);
    assertThat(result.keys()).isEqualTo(4);
    assertThat(result.files()).isEqualTo(3);
    assertThat(result.summary()).startsWith("output checker: VALID - 484 records, 4 keys");
  }

  @Test
  void oneMissingLineIsLostWithItsKeyAndSeq() throws IOException {
    List<String> lines = clean(4, 0, 99, "v1");
    lines.remove("2,57,58,v1");
    write("part-a-0-0", lines);

    CheckResult result = check(4);

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomalies()).containsExactly(Anomaly.of(AnomalyCategory.LOST, 2, 57, 57));
    assertThat(result.summary())
        .contains("lost 1 records in 1 range")
        .contains("lost key 2 seq 57");
  }

  @Test
  void oneDuplicatedLineIsDuplicatedWithItsKeyAndSeq() throws IOException {
    write("part-a-0-0", clean(4, 0, 99, "v1"));
    write("part-a-0-1", List.of("3,42,43,v1"));

    CheckResult result = check(4);

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomalies())
        .containsExactly(Anomaly.of(AnomalyCategory.DUPLICATED, 3, 42, 42));
  }

  @Test
  void oneResetCountIsStateReset() throws IOException {
    List<String> lines = clean(4, 0, 99, "v1");
    lines.set(lines.indexOf("1,70,71,v1"), "1,70,1,v1");
    write("part-a-0-0", lines);

    CheckResult result = check(4);

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomaliesOf(AnomalyCategory.STATE_RESET))
        .singleElement()
        .satisfies(a -> assertThat(a.toString()).startsWith("state reset key 1 seq 70"));
    assertThat(result.has(AnomalyCategory.LOST)).isFalse();
    assertThat(result.has(AnomalyCategory.DUPLICATED)).isFalse();
  }

  @Test
  void replayedRangeCollapsesIntoOneDuplicateRangePerKey() throws IOException {
    write("part-a-0-0", clean(2, 0, 99, "v1"));
    write("part-b-0-0", clean(2, 80, 119, "v1"));

    CheckResult result = check(2);

    assertThat(result.anomaliesOf(AnomalyCategory.DUPLICATED))
        .extracting(Anomaly::toString)
        .containsExactly("duplicated key 0 seq 80..99", "duplicated key 1 seq 80..99");
    assertThat(result.recordsByCategory()).containsEntry(AnomalyCategory.DUPLICATED, 40L);
  }

  @Test
  void inProgressAndPendingFilesAreNotOutput() throws IOException {
    write("part-a-0-0", clean(2, 0, 9, "v1"));
    write(".part-a-0-1.inprogress.1234", clean(2, 5, 20, "v1"));
    write("bucket/.part-a-0-2.inprogress.5678", clean(2, 0, 9, "v1"));
    write(".hidden-dir/part-a-0-3", clean(2, 0, 9, "v1"));

    CheckResult result = check(2);

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
    assertThat(result.files()).isEqualTo(1);
  }

  @Test
  void keyWithoutRecordsIsLostAndForeignKeyIsUnexpected() throws IOException {
    List<String> lines = clean(3, 0, 9, "v1");
    lines.removeIf(line -> line.startsWith("2,"));
    lines.add("7,0,1,v1");
    write("part-a-0-0", lines);

    CheckResult result = check(3);

    assertThat(result.anomalies())
        .extracting(Anomaly::category, Anomaly::key)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(AnomalyCategory.LOST, 2L),
            org.assertj.core.groups.Tuple.tuple(AnomalyCategory.UNEXPECTED, 7L));
  }

  @Test
  void boundedRunMustReachTheEndOfEveryKey() throws IOException {
    write("part-a-0-0", clean(2, 0, 7, "v1"));

    CheckResult result =
        SequenceChecker.forKeys(2).withRecordsPerKey(10).check(new FileCommittedOutput(output));

    assertThat(result.anomalies())
        .extracting(Anomaly::toString)
        .containsExactly("lost key 0 seq 8..9", "lost key 1 seq 8..9");
  }

  @Test
  void versionsMustSwitchOncePerKey() throws IOException {
    write("part-a-0-0", clean(2, 0, 49, "v1"));
    write("part-b-0-0", clean(2, 50, 99, "v2"));
    assertThat(check(2).verdict()).isEqualTo(Verdict.VALID);
    assertThat(check(2).versions()).containsExactly("v1", "v2");

    write("part-c-0-0", List.of("1,100,101,v1"));
    CheckResult result = check(2);

    assertThat(result.anomaliesOf(AnomalyCategory.VERSION_ORDER))
        .singleElement()
        .satisfies(a -> assertThat(a.toString()).startsWith("version order key 1 seq 50..100"));
  }

  @Test
  void newVersionStartingOverAtZeroIsAStateReset() throws IOException {
    write("part-a-0-0", clean(2, 0, 49, "v1"));
    write("part-b-0-0", clean(2, 0, 29, "v2"));

    CheckResult result = check(2);

    assertThat(result.anomaliesOf(AnomalyCategory.STATE_RESET))
        .extracting(Anomaly::toString)
        .containsExactly(
            "state reset key 0 seq 0..49 (v2 started this key again at seq 0 after v1 reached seq"
                + " 49: the state was not carried over)",
            "state reset key 1 seq 0..49 (v2 started this key again at seq 0 after v1 reached seq"
                + " 49: the state was not carried over)");
    assertThat(result.has(AnomalyCategory.DUPLICATED)).isTrue();
  }

  @Test
  void requiredVersionsMustReachEveryKey() throws IOException {
    write("part-a-0-0", clean(3, 0, 49, "v1"));
    write("part-b-0-0", List.of("0,50,51,v2", "1,50,51,v2"));

    CheckResult result =
        SequenceChecker.forKeys(3)
            .withVersions(List.of("v1", "v2"))
            .check(new FileCommittedOutput(output));

    assertThat(result.anomalies())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.category()).isEqualTo(AnomalyCategory.VERSION_ORDER);
              assertThat(a.key()).isEqualTo(2);
              assertThat(a.detail()).contains("no v2 record for this key");
            });
  }

  @Test
  void unreadableLineIsUnexpectedAndNamesTheFile() throws IOException {
    List<String> lines = clean(1, 0, 4, "v1");
    lines.add(2, "garbage");
    write("part-a-0-0", lines);

    CheckResult result = check(1);

    assertThat(result.anomaliesOf(AnomalyCategory.UNEXPECTED))
        .singleElement()
        .satisfies(a -> assertThat(a.detail()).contains("line 3 of part-a-0-0: 'garbage'"));
  }

  @Test
  void noOutputYetIsUnknownNotValid() {
    CheckResult result = SequenceChecker.anyKeys().check(new FileCommittedOutput(output));

    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.summary()).contains("no committed part files yet");
  }

  @Test
  void noOutputWithDeclaredKeysIsInvalidEveryKeyLost() {
    CheckResult result = check(2);

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomaliesOf(AnomalyCategory.LOST))
        .extracting(Anomaly::key, Anomaly::detail)
        .containsExactly(
            tuple(0L, "no committed record for this key"),
            tuple(1L, "no committed record for this key"));
  }

  @Test
  void partFilesWithoutAnyRecordAreUnknownNoRecordsNotValid() throws IOException {
    write("part-a-0-0", List.of());
    write("part-a-0-1", List.of("", ""));

    CheckResult result = SequenceChecker.anyKeys().check(new FileCommittedOutput(output));

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.reason()).contains("no records");
  }

  @Test
  void partFilesWithoutAnyRecordAndDeclaredKeysAreInvalidEveryKeyLost() throws IOException {
    write("part-a-0-0", List.of());

    CheckResult result = check(3);

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomaliesOf(AnomalyCategory.LOST)).hasSize(3);
  }

  @Test
  void aKeyOutsideTheDeclaredKeysWithSeqsOutsideTheRangeIsUnexpectedNotACrash() throws IOException {
    // Used to throw "Index -1 out of bounds for length 2": the key's only seq was out of range,
    // so its interval set was empty when the unexpected-key anomaly asked for its highest seq.
    write("part-a-0-0", List.of("0,0,1,v1", "0,1,2,v1", "1,0,1,v1", "1,1,2,v1", "7,5,6,v1"));

    CheckResult result =
        SequenceChecker.forKeys(2).withRecordsPerKey(2).check(new FileCommittedOutput(output));

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomalies())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.category()).isEqualTo(AnomalyCategory.UNEXPECTED);
              assertThat(a.key()).isEqualTo(7);
              assertThat(a.seqRange()).isEqualTo("5");
              assertThat(a.detail()).isEqualTo("key outside 0..1");
            });
  }

  @Test
  void frontierIsTheHighestCommittedSeqPerKey() throws IOException {
    write("part-a-0-0", clean(2, 0, 9, "v1"));
    write("part-a-0-1", List.of("1,10,11,v1", "1,11,12,v1"));

    Frontier frontier = check(2).frontier();

    assertThat(frontier.highestSeq(0)).isEqualTo(9);
    assertThat(frontier.highestSeq(1)).isEqualTo(11);
    assertThat(frontier.highestSeq(5)).isEqualTo(-1);
    assertThat(frontier.keys()).isEqualTo(2);
  }

  @Test
  void aKeyThatDidNotCommitPastTheBaselineIsStalledAndInvalid() throws IOException {
    write("part-a-0-0", clean(3, 0, 812, "v1"));
    Frontier atFault = check(3).frontier();
    write(
        "part-a-0-1", clean(3, 813, 900, "v1").stream().filter(l -> !l.startsWith("2,")).toList());

    CheckResult result = SequenceChecker.forKeys(3).withProgressBeyond(atFault).check(out());

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomalies())
        .singleElement()
        .hasToString(
            "stalled key 2 at seq 812 (no commit past seq 812, the frontier at the fault)");
    assertThat(result.summary()).contains("stalled 1 key");
  }

  @Test
  void everyKeyPastTheBaselineIsValid() throws IOException {
    write("part-a-0-0", clean(3, 0, 812, "v1"));
    Frontier atFault = check(3).frontier();
    write("part-a-0-1", List.of("0,813,814,v1", "1,813,814,v1", "2,813,814,v1"));

    CheckResult result = SequenceChecker.forKeys(3).withProgressBeyond(atFault).check(out());

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
  }

  @Test
  void anExpectedKeyWithNoRecordInEitherIsStalledFromMinusOne() throws IOException {
    write("part-a-0-0", clean(2, 0, 5, "v1"));
    Frontier atFault = check(3).frontier();
    write("part-a-0-1", List.of("0,6,7,v1", "1,6,7,v1"));

    CheckResult result = SequenceChecker.forKeys(3).withProgressBeyond(atFault).check(out());

    assertThat(result.anomaliesOf(AnomalyCategory.STALLED))
        .extracting(Anomaly::key, Anomaly::firstSeq)
        .containsExactly(tuple(2L, -1L));
  }

  @Test
  void noOutputAtAllAfterABaselineIsStalledNotUnknown() {
    Frontier atFault = Frontier.of(java.util.Map.of(3L, 10L));

    CheckResult result = SequenceChecker.anyKeys().withProgressBeyond(atFault).check(out());

    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomaliesOf(AnomalyCategory.STALLED))
        .extracting(Anomaly::key)
        .containsExactly(3L);
  }

  @Test
  void aStateResetOverShuffledFilesIsOneRangeCountRestartedAtOne() throws IOException {
    // Key 7 restarted its count at seq 500: counts 1..1500 for seqs 500..1999, the records spread
    // out of seq order over two bucket dirs, as FileSink's rolling and bucketing lay them out.
    List<String> lines = new ArrayList<>();
    for (long seq = 0; seq < 2000; seq++) {
      long count = seq < 500 ? seq + 1 : seq - 499;
      lines.add("7," + seq + "," + count + ",v1");
    }
    Collections.shuffle(lines, new Random(7));
    write("2026-11-25--10/part-a-0-0", lines.subList(0, 1000));
    write("2026-11-25--11/part-a-0-1", lines.subList(1000, 2000));

    CheckResult result = SequenceChecker.anyKeys().check(out());

    assertThat(result.anomalies())
        .singleElement()
        .hasToString("state reset key 7 seq 500..1999 (count restarted at 1)");
    assertThat(result.rangesByCategory()).containsEntry(AnomalyCategory.STATE_RESET, 1L);
    assertThat(result.recordsByCategory()).containsEntry(AnomalyCategory.STATE_RESET, 1500L);
    assertThat(result.summary()).contains("state reset 1500 records in 1 range");
  }

  @Test
  void aStateResetNotToOneNamesTheCountAtItsFirstSeq() throws IOException {
    List<String> lines = new ArrayList<>();
    for (long seq = 0; seq < 600; seq++) {
      lines.add("7," + seq + "," + (seq < 500 ? seq + 1 : seq - 463) + ",v1");
    }
    Collections.reverse(lines);
    write("part-a-0-0", lines);

    CheckResult result = SequenceChecker.anyKeys().check(out());

    assertThat(result.anomalies())
        .singleElement()
        .hasToString("state reset key 7 seq 500..599 (count 37 at seq 500, expected 501)");
  }

  @Test
  void contiguousDuplicatesShuffledAcrossFilesAreOneRange() throws IOException {
    write("part-a-0-0", clean(1, 0, 99, "v1"));
    List<String> replayed = clean(1, 30, 69, "v1");
    Collections.shuffle(replayed, new Random(3));
    write("part-a-1-0", replayed.subList(0, 20));
    write("x/part-a-1-1", replayed.subList(20, 40));

    CheckResult result = check(1);

    assertThat(result.anomalies())
        .singleElement()
        .isEqualTo(Anomaly.of(AnomalyCategory.DUPLICATED, 0, 30, 69));
    assertThat(result.summary()).contains("duplicated 40 records in 1 range");
  }

  private FileCommittedOutput out() {
    return new FileCommittedOutput(output);
  }

  @Test
  void linesWithoutCountOrVersionStillCheckSequences() throws IOException {
    write("part-a-0-0", List.of("0,0", "0,1", "0,3", "0,3,4"));

    CheckResult result = SequenceChecker.anyKeys().check(new FileCommittedOutput(output));

    assertThat(result.anomalies())
        .extracting(Anomaly::toString)
        .containsExactly("lost key 0 seq 2", "duplicated key 0 seq 3");
  }
}
