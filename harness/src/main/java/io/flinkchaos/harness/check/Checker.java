package io.flinkchaos.harness.check;

/**
 * One witness's reading of a job's committed output: the output checker ({@link SequenceChecker})
 * or the in-job witness ({@link WitnessChecker}). A checker never throws on what it reads: output
 * it cannot read is an UNKNOWN result with the reason.
 */
public interface Checker {

  /** How results and messages name this checker, e.g. "output checker". */
  String name();

  CheckResult check(CommittedOutput output);
}
