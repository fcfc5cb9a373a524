package io.flinkchaos.harness.job;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Specs of the fixture sequence job (fixtures/jobs) and its variants. */
public final class SequenceJobs {

  public static final String ENTRY_CLASS = "io.flinkchaos.fixtures.SequenceJob";
  public static final int KEYS = 64;
  public static final int RECORDS_PER_SECOND = 1000;

  private SequenceJobs() {}

  /**
   * The unbounded v1 sequence job writing to {@code output}, checkpointing every {@code interval}.
   */
  public static JobSpec sequenceJob(
      Path fixturesJar, URI output, int parallelism, Duration checkpointInterval) {
    return new JobSpec(
        "sequence-job",
        "v1",
        fixturesJar,
        ENTRY_CLASS,
        List.of(
            "--output", output.toString(),
            "--keys", Integer.toString(KEYS),
            "--rate", Integer.toString(RECORDS_PER_SECOND),
            "--version", "v1"),
        parallelism,
        Map.of("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms"),
        new OutputContract(output, KEYS, 0));
  }
}
