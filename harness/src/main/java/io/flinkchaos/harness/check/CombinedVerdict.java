package io.flinkchaos.harness.check;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verdicts of independent witnesses of one job (the output checker, the in-job witness),
 * composed worst-wins. When they disagree, that is reported: it tells where an anomaly arose (e.g.
 * loss after the keyed operator is seen by the output checker only).
 */
public record CombinedVerdict(List<CheckResult> results) {

  public CombinedVerdict {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("a combined verdict needs at least one check");
    }
    results = List.copyOf(results);
  }

  public Verdict verdict() {
    return results.stream().map(CheckResult::verdict).reduce(Verdict.VALID, Verdict::and);
  }

  /** Categories any witness reported. */
  public Set<AnomalyCategory> categories() {
    Set<AnomalyCategory> categories = EnumSet.noneOf(AnomalyCategory.class);
    results.forEach(r -> categories.addAll(r.rangesByCategory().keySet()));
    return categories;
  }

  public boolean has(AnomalyCategory category) {
    return results.stream().anyMatch(r -> r.has(category));
  }

  /** A line naming the witnesses that disagree on the verdict or the categories, if any. */
  public Optional<String> disagreement() {
    boolean verdictsDiffer = results.stream().map(CheckResult::verdict).distinct().count() > 1;
    boolean categoriesDiffer =
        results.stream().map(r -> r.rangesByCategory().keySet()).distinct().count() > 1;
    if (results.size() < 2 || (!verdictsDiffer && !categoriesDiffer)) {
      return Optional.empty();
    }
    return Optional.of(
        "witnesses disagree: "
            + results.stream()
                .map(
                    r ->
                        r.checker()
                            + " "
                            + r.verdict()
                            + (r.rangesByCategory().isEmpty()
                                ? ""
                                : " ("
                                    + r.rangesByCategory().keySet().stream()
                                        .map(AnomalyCategory::label)
                                        .collect(Collectors.joining(", "))
                                    + ")"))
                .collect(Collectors.joining(" vs ")));
  }

  public String summary() {
    return verdict()
        + ": "
        + results.stream().map(CheckResult::summary).collect(Collectors.joining(" | "))
        + disagreement().map(d -> " | " + d).orElse("");
  }
}
