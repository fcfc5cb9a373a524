package io.flinkchaos.harness.job;

import java.net.URI;
import java.util.Optional;

/**
 * How to check a job's committed output: where it is written, what the checker may expect, and
 * where the in-job witness (if the job has one) commits its violations. The output follows the
 * documented line contract {@code key,seq[,count[,version]]}.
 *
 * @param keys the keys are 0..keys-1 (0: unknown, any key accepted)
 * @param recordsPerKey for bounded runs, how many records each key ends with (0: unbounded)
 * @param witness the in-job witness's output, or null
 */
public record OutputContract(URI location, int keys, long recordsPerKey, URI witness) {

  public Optional<URI> witnessLocation() {
    return Optional.ofNullable(witness);
  }
}
