package io.flinkchaos.harness.steps;

import io.flinkchaos.harness.fault.InjectedFault;
import io.flinkchaos.harness.report.CheckpointLog;
import io.flinkchaos.harness.report.ScenarioRecord;
import io.flinkchaos.harness.report.ThroughputSampler;
import io.flinkchaos.harness.report.ThroughputSeries;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A scenario's {@link ScenarioRecord} from what its context kept: the checker verdicts with the
 * verdicts steps expected, the faults as injected (ended when a held fault let go or a step healed
 * it), the upgrades and suspensions, the measured recoveries, and what the sampler saw.
 */
final class ScenarioRecording {

  private ScenarioRecording() {}

  static ScenarioRecord of(
      String id, ScenarioContext context, Optional<ThroughputSampler> sampler) {
    List<ScenarioRecord.Disruption> disruptions = new ArrayList<>();
    for (InjectedFault fault : context.faults()) {
      disruptions.add(
          new ScenarioRecord.Disruption(
              fault.fault().description(),
              ScenarioRecord.Disruption.Kind.FAULT,
              fault.at(),
              context.faultEnd(fault).orElse(null)));
    }
    for (UpgradeOutcome upgrade : context.upgradesAndSuspensions()) {
      disruptions.add(
          new ScenarioRecord.Disruption(
              describe(upgrade),
              ScenarioRecord.Disruption.Kind.UPGRADE,
              upgrade.startedAt(),
              upgrade.finishedAt()));
    }
    disruptions.sort(Comparator.comparing(ScenarioRecord.Disruption::startedAt));
    return new ScenarioRecord(
        id,
        context.timeline().start(),
        context.firstFlinkVersion(),
        context.hasCluster() ? context.platform().operatorVersion().orElse(null) : null,
        context.witnesses(),
        disruptions,
        context.recoveries(),
        sampler.map(s -> s.checkpoints().ended()).orElse(List.<CheckpointLog.Mark>of()),
        sampler.map(s -> s.series().points()).orElse(List.<ThroughputSeries.Point>of()),
        sampler.map(s -> s.series().gaps()).orElse(List.<ThroughputSeries.Gap>of()),
        null,
        null);
  }

  /** "savepoint upgrade", "last-state upgrade", "suspend (savepoint)". */
  private static String describe(UpgradeOutcome outcome) {
    return outcome.job() == null
        ? "suspend (" + outcome.requested() + ")"
        : outcome.requested() + " upgrade" + (outcome.fellBackToLastState() ? " (fell back)" : "");
  }
}
