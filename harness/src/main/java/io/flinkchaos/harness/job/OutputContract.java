package io.flinkchaos.harness.job;

import java.net.URI;

/**
 * How to check a job's committed output: where it is written, and what the checker may expect. The
 * output follows the documented line contract {@code key,seq[,count[,version]]}.
 *
 * @param keys the keys are 0..keys-1 (0: unknown, any key accepted)
 * @param recordsPerKey for bounded runs, how many records each key ends with (0: unbounded)
 */
public record OutputContract(URI location, int keys, long recordsPerKey) {}
