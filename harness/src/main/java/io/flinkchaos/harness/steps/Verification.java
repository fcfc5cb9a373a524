package io.flinkchaos.harness.steps;

import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.CombinedVerdict;
import io.flinkchaos.harness.check.CommittedOutput;
import io.flinkchaos.harness.check.Frontier;
import io.flinkchaos.harness.check.KafkaCommittedOutput;
import io.flinkchaos.harness.check.SequenceChecker;
import io.flinkchaos.harness.check.WitnessChecker;
import io.flinkchaos.harness.check.Witnesses;
import io.flinkchaos.harness.flink.SubtaskAttempt;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.OutputContract;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.Storage;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs every witness a job has on its committed output: the output checker, the in-job witness.
 * Each result passes through {@link WitnessStandIn} (none outside the stand-in proof).
 */
final class Verification {

  /** The sequence job's keyed operator, where the in-job witness lives (fixtures/jobs). */
  static final String WITNESS_VERTEX = "per-key count";

  /**
   * Markers carry the TaskManager's clock, REST the JobManager's: on Kubernetes they may differ a
   * little. A JobManager failover (same job id, attempts from 0 again) takes longer than this.
   */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(2);

  private Verification() {}

  static OutputContract contractOf(DeployedJob job) {
    return job.spec()
        .outputContract()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    job.spec().name()
                        + " declares no output contract (key,seq[,count[,version]] lines): data"
                        + " checks need one, see README 'Checking your own job'"));
  }

  static SequenceChecker outputChecker(OutputContract contract) {
    SequenceChecker checker =
        contract.keys() > 0 ? SequenceChecker.forKeys(contract.keys()) : SequenceChecker.anyKeys();
    return contract.recordsPerKey() > 0
        ? checker.withRecordsPerKey(contract.recordsPerKey())
        : checker;
  }

  /**
   * Where a location's committed output is read: a {@code kafka://} topic (read committed, as a
   * downstream consumer reads it), else the cluster's storage.
   */
  static CommittedOutput committedOutput(URI location, Storage storage) {
    return KafkaCommittedOutput.isTopic(location)
        ? KafkaCommittedOutput.at(location)
        : storage.committedOutput(location);
  }

  /** The output checker alone, as a scenario sees it. */
  static CheckResult outputCheck(OutputContract contract, Storage storage) {
    return WitnessStandIn.apply(
        outputChecker(contract).check(committedOutput(contract.location(), storage)));
  }

  /** Per key, the highest seq committed now: the line the job must move past after a fault. */
  static Frontier frontier(OutputContract contract, Storage storage) {
    return outputChecker(contract).check(committedOutput(contract.location(), storage)).frontier();
  }

  /**
   * Every witness of the job. With a {@code progressBaseline}, every key must also have committed
   * past it (else the output checker reports it stalled). The in-job witness must have a start
   * marker from the current attempt of each of its subtasks, as Flink REST reports them: a witness
   * that stopped committing after a restore is UNKNOWN, never VALID.
   */
  static CombinedVerdict verify(DeployedJob job, FlinkCluster cluster, Frontier progressBaseline) {
    OutputContract contract = contractOf(job);
    SequenceChecker checker = outputChecker(contract);
    if (progressBaseline != null) {
      checker = checker.withProgressBeyond(progressBaseline);
    }
    Storage storage = cluster.storage();
    Witnesses witnesses =
        Witnesses.of(WitnessStandIn.around(checker), committedOutput(contract.location(), storage));
    Optional<URI> witness = contract.witnessLocation();
    if (witness.isPresent()) {
      witnesses =
          witnesses.and(
              WitnessStandIn.around(witnessChecker(job, cluster)),
              committedOutput(witness.get(), storage));
    }
    return witnesses.check();
  }

  private static WitnessChecker witnessChecker(DeployedJob job, FlinkCluster cluster) {
    Map<Integer, SubtaskAttempt> attempts =
        cluster.rest().currentAttempts(job.jobId(), WITNESS_VERTEX);
    if (attempts.isEmpty()) {
      throw new IllegalStateException(
          job
              + " has an in-job witness but Flink REST shows no vertex named '"
              + WITNESS_VERTEX
              + "': cannot tell which task attempts must have started the witness");
    }
    Map<Integer, Integer> attemptBySubtask = new TreeMap<>();
    attempts.forEach((subtask, attempt) -> attemptBySubtask.put(subtask, attempt.attempt()));
    long deployed =
        attempts.values().stream().mapToLong(SubtaskAttempt::startMillis).min().orElse(0);
    return new WitnessChecker()
        .requireStarted(job.jobId().toString(), attemptBySubtask, deployed - CLOCK_SKEW.toMillis());
  }
}
