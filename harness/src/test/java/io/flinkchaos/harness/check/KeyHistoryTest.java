package io.flinkchaos.harness.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KeyHistoryTest {

  /** Random arrival orders of seqs with holes and repeats agree with a naive multiset model. */
  @Test
  void intervalSetAgreesWithANaiveModelOnShuffledInput() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      List<Long> seqs = new ArrayList<>();
      for (long seq = 0; seq < 60; seq++) {
        int copies = random.nextInt(10) == 0 ? 0 : random.nextInt(12) == 0 ? 2 : 1;
        for (int c = 0; c < copies; c++) {
          seqs.add(seq);
        }
      }
      Collections.shuffle(seqs, random);

      AnomalySink sink = new AnomalySink(1000);
      KeyHistory history = new KeyHistory(0, sink);
      TreeMap<Long, Integer> model = new TreeMap<>();
      for (long seq : seqs) {
        history.accept(seq, seq + 1, -1, 0);
        model.merge(seq, 1, Integer::sum);
      }
      history.finish(0, new VersionOrder(), java.util.List.of(), sink);

      long expectedDuplicates = model.values().stream().mapToLong(n -> n - 1).sum();
      long expectedLost = model.isEmpty() ? 0 : model.lastKey() + 1 - model.size();
      assertThat(sink.recordsByCategory().getOrDefault(AnomalyCategory.DUPLICATED, 0L))
          .as("round %d", round)
          .isEqualTo(expectedDuplicates);
      assertThat(sink.recordsByCategory().getOrDefault(AnomalyCategory.LOST, 0L))
          .as("round %d", round)
          .isEqualTo(expectedLost);
    }
  }
}
