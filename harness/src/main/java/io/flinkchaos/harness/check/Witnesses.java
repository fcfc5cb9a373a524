package io.flinkchaos.harness.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The witnesses of one job, each a checker with the output it reads, checked together into one
 * {@link CombinedVerdict} (worst wins). The results keep the order the witnesses were added in.
 */
public final class Witnesses {

  private record Witness(Checker checker, CommittedOutput output) {}

  private final List<Witness> witnesses;

  private Witnesses(List<Witness> witnesses) {
    this.witnesses = List.copyOf(witnesses);
  }

  public static Witnesses of(Checker checker, CommittedOutput output) {
    return new Witnesses(List.of()).and(checker, output);
  }

  /** These witnesses and one more. */
  public Witnesses and(Checker checker, CommittedOutput output) {
    List<Witness> more = new ArrayList<>(witnesses);
    more.add(new Witness(Objects.requireNonNull(checker), Objects.requireNonNull(output)));
    return new Witnesses(more);
  }

  public CombinedVerdict check() {
    return new CombinedVerdict(witnesses.stream().map(w -> w.checker().check(w.output())).toList());
  }
}
