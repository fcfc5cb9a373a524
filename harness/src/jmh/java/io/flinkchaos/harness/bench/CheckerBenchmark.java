package io.flinkchaos.harness.bench;

import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.FileCommittedOutput;
import io.flinkchaos.harness.check.SequenceChecker;
import io.flinkchaos.harness.check.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SequenceChecker throughput over generated part files (page-cached after the first pass), one
 * thread. The {@code records} counter is records checked per second; the primary score is full
 * checks per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class CheckerBenchmark {

  @Param("10000000")
  public long records;

  @Param("10000")
  public int keys;

  private FileCommittedOutput output;
  private SequenceChecker checker;

  /** Counts the records checked, reported by JMH as records/s. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Records {
    public long records;

    @Setup(Level.Iteration)
    public void reset() {
      records = 0;
    }
  }

  @Setup(Level.Trial)
  public void generate() throws IOException {
    long perKey = records / keys;
    Path dir =
        Path.of(System.getProperty("benchmark.dir", "target/checker-benchmark"))
            .resolve("throughput-" + records + "x" + keys);
    OutputGenerator.generate(dir, keys, perKey, 250_000);
    output = new FileCommittedOutput(dir);
    checker =
        SequenceChecker.forKeys(keys)
            .withRecordsPerKey(perKey)
            .withVersions(List.of("v1"));
  }

  @Benchmark
  public CheckResult check(Records counter) {
    CheckResult result = checker.check(output);
    if (result.verdict() != Verdict.VALID) {
      throw new IllegalStateException(result.summary());
    }
    counter.records += result.records();
    return result;
  }
}
