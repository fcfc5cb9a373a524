package io.flinkchaos.harness.cli;

import io.flinkchaos.harness.check.Anomaly;
import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.CombinedVerdict;
import io.flinkchaos.harness.check.SequenceChecker;
import io.flinkchaos.harness.check.Verdict;
import io.flinkchaos.harness.check.WitnessChecker;
import io.flinkchaos.harness.check.Witnesses;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks a job's committed output from the command line: a directory or an S3 prefix, optionally
 * with the in-job witness's output. Prints the verdict, the volume read and the first anomalies,
 * one line each; exits 0 (VALID), 1 (INVALID) or 2 (UNKNOWN, or a bad argument: one line on
 * stderr).
 */
@Command(
    name = "flink-chaos-check",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Checks a Flink job's committed output (lines key,seq,count,version) for lost, duplicated"
          + " and unexpected records, state resets and version order.",
      "Exit code: 0 VALID, 1 INVALID, 2 UNKNOWN or a bad argument."
    })
public final class CheckCommand implements Callable<Integer> {

  static final String NAME = "flink-chaos-check";
  static final int EXIT_VALID = 0;
  static final int EXIT_INVALID = 1;
  static final int EXIT_UNKNOWN = 2;

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "OUTPUT",
      description =
          "A directory, s3://bucket/prefix, or kafka://host:port/topic (read committed; add"
              + " ?isolation=read_uncommitted to see what a careless consumer sees).")
  private String output;

  @Option(
      names = "--keys",
      paramLabel = "N",
      description = "Keys 0..N-1 must all have records; others are unexpected (default: any keys).")
  private Integer keys;

  @Option(
      names = "--records-per-key",
      paramLabel = "N",
      description = "A bounded job: every key must have exactly seqs 0..N-1.")
  private Long recordsPerKey;

  @Option(
      names = "--versions",
      paramLabel = "V",
      split = ",",
      description = "The job versions in upgrade order; every key must have records of each.")
  private List<String> versions = new ArrayList<>();

  @Option(
      names = "--witness",
      paramLabel = "DIR|S3",
      description = "The in-job witness output; its verdict is combined worst-wins.")
  private String witness;

  @Option(
      names = "--max-anomalies",
      paramLabel = "N",
      defaultValue = "10",
      description = "Anomalies printed per checker (default: ${DEFAULT-VALUE}).")
  private int maxAnomalies;

  @Option(
      names = "--part-prefix",
      paramLabel = "PREFIX",
      defaultValue = "part-",
      description = "Committed part files start with this (default: ${DEFAULT-VALUE}).")
  private String partPrefix;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "An S3-compatible endpoint (MinIO, s3proxy), path-style; default: AWS S3. Credentials"
              + " come from the AWS default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,"
              + " AWS_PROFILE, ...).")
  private URI s3Endpoint;

  @Option(
      names = "--s3-region",
      paramLabel = "REGION",
      description = "The S3 region (default: AWS_REGION, else us-east-1).")
  private String s3Region;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Shows this help.")
  private boolean help;

  public static void main(String[] args) {
    // The AWS SDK logs through SLF4J; the jar has no binding and needs no warning about it.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(out, err, args));
  }

  /** Runs the command with the given streams and returns its exit code. */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new CheckCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          // picocli's own parse errors get a pointer to the usage; ours say what to do already.
          err.println(
              NAME + ": " + e.getMessage() + (e instanceof BadArgument ? "" : " (see --help)"));
          return EXIT_UNKNOWN;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          err.println(NAME + ": " + oneLine(e));
          return EXIT_UNKNOWN;
        });
    int code;
    try {
      code = commandLine.execute(args);
    } catch (RuntimeException | Error e) {
      // picocli hands only Exceptions to the handler above; an Error (say, out of memory on some
      // input nobody foresaw) must still be one line and UNKNOWN, never a stack trace or exit 1.
      err.println(NAME + ": " + e.getClass().getSimpleName() + ": " + oneLine(e));
      code = EXIT_UNKNOWN;
    }
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public Integer call() {
    validate();
    try (Locations locations = new Locations(s3Endpoint, s3Region, partPrefix)) {
      Locations.Location checked = resolve(locations, output, "OUTPUT");
      Locations.Location witnessed =
          witness == null ? null : resolve(locations, witness, "--witness");

      SequenceChecker checker =
          keys == null ? SequenceChecker.anyKeys() : SequenceChecker.forKeys(keys);
      if (recordsPerKey != null) {
        checker = checker.withRecordsPerKey(recordsPerKey);
      }
      if (!versions.isEmpty()) {
        checker = checker.withVersions(versions);
      }
      Witnesses witnesses = Witnesses.of(checker, checked.output());
      if (witnessed != null) {
        witnesses = witnesses.and(new WitnessChecker(), witnessed.output());
      }
      CombinedVerdict combined = witnesses.check();
      PrintWriter out = spec.commandLine().getOut();
      for (CheckResult result : combined.results()) {
        print(out, result);
      }
      combined.disagreement().ifPresent(out::println);
      out.println("verdict: " + combined.verdict());
      // Exit 2 always comes with its reason on stderr: unreadable input, a symlink loop, no output.
      combined.results().stream()
          .filter(r -> r.verdict() == Verdict.UNKNOWN)
          .forEach(
              r ->
                  spec.commandLine()
                      .getErr()
                      .println(NAME + ": " + r.checker() + ": " + r.reason()));
      return exitCode(combined.verdict());
    }
  }

  private Locations.Location resolve(Locations locations, String where, String what) {
    try {
      return locations.resolve(where);
    } catch (IllegalArgumentException e) {
      throw new BadArgument(spec.commandLine(), what + ": " + e.getMessage());
    }
  }

  private void validate() {
    if (keys != null && keys < 1) {
      throw bad("--keys must be at least 1, was " + keys);
    }
    if (recordsPerKey != null && recordsPerKey < 1) {
      throw bad("--records-per-key must be at least 1, was " + recordsPerKey);
    }
    if (maxAnomalies < 0) {
      throw bad("--max-anomalies must be 0 or more, was " + maxAnomalies);
    }
    if (versions.stream().anyMatch(String::isBlank)) {
      throw bad("--versions must be labels separated by commas, like v1,v2");
    }
    if (s3Endpoint != null
        && (s3Endpoint.getScheme() == null
            || !(s3Endpoint.getScheme().equals("http") || s3Endpoint.getScheme().equals("https"))
            || s3Endpoint.getHost() == null)) {
      throw bad(
          "--s3-endpoint must be an http(s) URL like http://localhost:9000, was '"
              + s3Endpoint
              + "'");
    }
  }

  private ParameterException bad(String message) {
    return new BadArgument(spec.commandLine(), message);
  }

  /** An argument that parsed but cannot be used; its message says what to do. */
  private static final class BadArgument extends ParameterException {
    BadArgument(CommandLine commandLine, String message) {
      super(commandLine, message);
    }
  }

  /** The checker's header, then its first anomalies, one line each. */
  private void print(PrintWriter out, CheckResult result) {
    StringBuilder header =
        new StringBuilder(result.checker()).append(": ").append(result.verdict());
    if (result.verdict() == Verdict.UNKNOWN) {
      header.append(" (").append(result.reason()).append(")");
    } else {
      header.append(" - ").append(result.volume());
      if (!result.versions().isEmpty()) {
        header.append(", versions ").append(String.join("/", result.versions()));
      }
      if (result.verdict() == Verdict.INVALID) {
        header.append("; ").append(result.counts());
      }
    }
    out.println(header.append(" at ").append(result.location()));
    List<Anomaly> shown = result.anomalies().stream().limit(maxAnomalies).toList();
    for (Anomaly anomaly : shown) {
      out.println("  " + anomaly);
    }
    long more = result.anomalyRanges() - shown.size();
    if (more > 0) {
      out.println("  ... " + more + " more anomaly ranges (--max-anomalies N shows more)");
    }
  }

  static int exitCode(Verdict verdict) {
    return switch (verdict) {
      case VALID -> EXIT_VALID;
      case INVALID -> EXIT_INVALID;
      case UNKNOWN -> EXIT_UNKNOWN;
    };
  }

  /** An exception's message on one line, without a stack trace. */
  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
