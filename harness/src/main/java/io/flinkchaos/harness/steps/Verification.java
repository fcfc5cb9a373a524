package io.flinkchaos.harness.steps;

import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.CombinedVerdict;
import io.flinkchaos.harness.check.SequenceChecker;
import io.flinkchaos.harness.check.WitnessChecker;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.OutputContract;
import io.flinkchaos.harness.platform.Storage;
import java.util.ArrayList;
import java.util.List;

/** Runs every witness a job has on its committed output: the output checker, the in-job witness. */
final class Verification {

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

  static CheckResult outputCheck(OutputContract contract, Storage storage) {
    SequenceChecker checker =
        contract.keys() > 0 ? SequenceChecker.forKeys(contract.keys()) : SequenceChecker.anyKeys();
    if (contract.recordsPerKey() > 0) {
      checker = checker.withRecordsPerKey(contract.recordsPerKey());
    }
    return checker.check(storage.committedOutput(contract.location()));
  }

  static CombinedVerdict verify(DeployedJob job, Storage storage) {
    OutputContract contract = contractOf(job);
    List<CheckResult> results = new ArrayList<>();
    results.add(outputCheck(contract, storage));
    contract
        .witnessLocation()
        .ifPresent(
            witness -> results.add(new WitnessChecker().check(storage.committedOutput(witness))));
    return new CombinedVerdict(results);
  }
}
