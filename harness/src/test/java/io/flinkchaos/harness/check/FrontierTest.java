package io.flinkchaos.harness.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontierTest {

  @Test
  void everyBaselineKeyThatDidNotMovePastItsSeqIsStalled() {
    Frontier atFault = Frontier.of(Map.of(0L, 812L, 1L, 500L, 9L, 40L));
    Frontier now = Frontier.of(Map.of(0L, 813L, 1L, 500L));

    assertThat(now.stalledSince(atFault, 0))
        .extracting(Anomaly::toString)
        .containsExactly(
            "stalled key 1 at seq 500 (no commit past seq 500, the frontier at the fault)",
            "stalled key 9 at seq 40 (no commit past seq 40, the frontier at the fault)");
  }

  @Test
  void expectedKeysWithoutAnyRecordAreStalledFromMinusOne() {
    Frontier atFault = Frontier.of(Map.of(5L, 3L));
    Frontier now = Frontier.of(Map.of(0L, 1L, 5L, 4L));

    assertThat(now.stalledSince(atFault, 3))
        .extracting(Anomaly::key, Anomaly::firstSeq, Anomaly::category)
        .containsExactly(
            tuple(1L, -1L, AnomalyCategory.STALLED), tuple(2L, -1L, AnomalyCategory.STALLED));
  }

  @Test
  void progressOnEveryKeyIsNoAnomaly() {
    Frontier atFault = Frontier.of(Map.of(0L, 1L, 1L, 1L));

    assertThat(Frontier.of(Map.of(0L, 2L, 1L, 9L)).stalledSince(atFault, 2)).isEmpty();
    assertThat(Frontier.empty().stalledSince(Frontier.empty(), 0)).isEmpty();
  }

  @Test
  void keysWithoutARecordAreNotInTheFrontier() {
    Frontier frontier = Frontier.of(Map.of(0L, -1L, 1L, 4L));

    assertThat(frontier.keys()).isEqualTo(1);
    assertThat(frontier.highestSeq(0)).isEqualTo(-1);
    assertThat(frontier).isEqualTo(Frontier.of(Map.of(1L, 4L)));
  }

  @Test
  void stalledParsesAsACategory() {
    assertThat(AnomalyCategory.fromLabel("stalled")).isEqualTo(AnomalyCategory.STALLED);
    assertThat(AnomalyCategory.fromLabel("stalled keys")).isEqualTo(AnomalyCategory.STALLED);
  }
}
