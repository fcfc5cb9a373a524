package io.flinkchaos.harness.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AnomalyRangesTest {

  private static AnomalyRanges ranges() {
    return new AnomalyRanges(AnomalyCategory.DUPLICATED, 7, (seq, value) -> "at " + value);
  }

  /** Shuffled seqs, some repeated, merge into exactly the maximal runs of a naive model. */
  @Test
  void shuffledSeqsMergeIntoTheMaximalRunsOfANaiveModel() {
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      List<Long> seqs = new ArrayList<>();
      for (long seq = 0; seq < 80; seq++) {
        int copies = random.nextInt(3) == 0 ? 0 : 1 + (random.nextInt(8) == 0 ? 1 : 0);
        for (int c = 0; c < copies; c++) {
          seqs.add(seq);
        }
      }
      Collections.shuffle(seqs, random);
      AnomalySink sink = new AnomalySink(1000);
      AnomalyRanges ranges = ranges();
      TreeMap<Long, Long> model = new TreeMap<>();
      for (long seq : seqs) {
        ranges.add(seq, seq * 10, sink);
        model.merge(seq, 1L, Long::sum);
      }
      ranges.flush(sink);

      List<Anomaly> expected = new ArrayList<>();
      for (long seq : model.keySet()) {
        Anomaly last = expected.isEmpty() ? null : expected.get(expected.size() - 1);
        if (last != null && last.lastSeq() == seq - 1) {
          expected.set(
              expected.size() - 1,
              new Anomaly(
                  last.category(),
                  7,
                  last.firstSeq(),
                  seq,
                  last.records() + model.get(seq),
                  last.detail()));
        } else {
          expected.add(
              new Anomaly(
                  AnomalyCategory.DUPLICATED, 7, seq, seq, model.get(seq), "at " + seq * 10));
        }
      }
      assertThat(sink.retained()).as("round %d", round).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void memoryIsBoundedAndEveryRecordIsStillCounted() {
    AnomalySink sink = new AnomalySink(10);
    AnomalyRanges ranges = ranges();
    int records = 3 * AnomalyRanges.MAX_RANGES;
    for (long i = 0; i < records; i++) {
      ranges.add(i * 2, 0, sink); // every other seq: nothing merges
      assertThat(ranges.size()).isLessThanOrEqualTo(AnomalyRanges.MAX_RANGES);
    }
    ranges.add(-5, 0, sink); // below every kept range, with the list full
    ranges.flush(sink);

    assertThat(sink.recordsByCategory()).containsEntry(AnomalyCategory.DUPLICATED, records + 1L);
    assertThat(sink.rangesByCategory()).containsEntry(AnomalyCategory.DUPLICATED, records + 1L);
  }
}
