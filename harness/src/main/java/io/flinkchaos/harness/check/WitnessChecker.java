package io.flinkchaos.harness.check;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads what the job's in-job witness committed: {@code key,fromSeq,toSeq,category} violation
 * lines, and one start marker per task attempt, {@code
 * <subtask>,<attempt>,<startEpochMillis>,witness-started,<jobId>} (or the older {@code
 * <subtask>,0,0,witness-started}: attempt 0, no job id). The witness sees records inside the keyed
 * operator, so it is independent of the sink.
 *
 * <p>Its silence proves nothing unless it is known to be running: output without any marker is
 * UNKNOWN, and so is output where a task attempt that should have started the witness left no
 * marker. The harness names the current attempts ({@link #requireStarted}); without them, the
 * newest job's subtasks must all have reached its highest attempt number.
 */
public final class WitnessChecker implements Checker {

  public static final String NAME = "in-job witness";
  private static final String STARTED = "witness-started";
  private static final int RETAINED_ANOMALIES = 10_000;

  /** One start marker: a task attempt whose witness committed. */
  private record Marker(int subtask, int attempt, long startMillis, String jobId) {}

  private final String requiredJobId;
  private final Map<Integer, Integer> requiredAttempts;
  private final long requiredNotBefore;

  public WitnessChecker() {
    this(null, Map.of(), Long.MIN_VALUE);
  }

  private WitnessChecker(
      String requiredJobId, Map<Integer, Integer> requiredAttempts, long requiredNotBefore) {
    this.requiredJobId = requiredJobId;
    this.requiredAttempts = new TreeMap<>(requiredAttempts);
    this.requiredNotBefore = requiredNotBefore;
  }

  /**
   * A checker that is UNKNOWN unless every current task attempt of the job, {@code
   * attemptBySubtask} (subtask index to attempt number, as Flink's REST API reports them), left a
   * start marker: only then did the witness commit since the last restore.
   */
  public WitnessChecker requireStarted(String jobId, Map<Integer, Integer> attemptBySubtask) {
    return requireStarted(jobId, attemptBySubtask, Long.MIN_VALUE);
  }

  /**
   * Like {@link #requireStarted(String, Map)}, and each marker must have started at or after {@code
   * notBeforeMillis}. A JobManager failover rebuilds the job with the same id and attempt numbers
   * from 0 again, so only the start time tells the new attempts' markers from the old ones.
   */
  public WitnessChecker requireStarted(
      String jobId, Map<Integer, Integer> attemptBySubtask, long notBeforeMillis) {
    if (jobId == null || jobId.isBlank()) {
      throw new IllegalArgumentException("requireStarted needs the job id");
    }
    if (attemptBySubtask.isEmpty()) {
      throw new IllegalArgumentException("requireStarted needs at least one subtask attempt");
    }
    return new WitnessChecker(jobId, attemptBySubtask, notBeforeMillis);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult check(CommittedOutput output) {
    List<CommittedFile> files;
    try {
      files = output.committedFiles();
    } catch (IOException | RuntimeException e) {
      return CheckResult.unknown(
          NAME, output.location(), "cannot list committed files: " + CheckResult.describe(e));
    }
    List<Anomaly> violations = new ArrayList<>();
    Set<Marker> markers = new HashSet<>();
    for (CommittedFile file : files) {
      try (InputStream in = output.open(file)) {
        BoundedLineReader reader = new BoundedLineReader(in);
        BoundedLineReader.Line line;
        while ((line = reader.next()) != null) {
          if (line.tooLong()) {
            violations.add(
                unreadable(
                    file.path(),
                    line.number(),
                    "line longer than " + BoundedLineReader.MAX_LINE_BYTES + " bytes"));
          } else if (!line.text().isBlank()) {
            read(line.text(), file.path(), line.number(), markers, violations);
          }
        }
      } catch (IOException | RuntimeException e) {
        return CheckResult.unknown(
            NAME, output.location(), "cannot read " + file.path() + ": " + CheckResult.describe(e));
      }
    }
    if (markers.isEmpty()) {
      return CheckResult.unknown(
          NAME, output.location(), "the in-job witness committed no start marker yet");
    }
    AnomalySink sink = new AnomalySink(RETAINED_ANOMALIES);
    merged(violations).forEach(sink::add);
    List<Anomaly> retained = new ArrayList<>(sink.retained());
    Optional<String> notStarted = requiredJobId != null ? missing(markers) : lagging(markers);
    if (retained.isEmpty() && notStarted.isPresent()) {
      // Violations found are real whatever else is missing; silence is only worth something when
      // every running attempt is known to be watching.
      return CheckResult.unknown(NAME, output.location(), notStarted.get());
    }
    return new CheckResult(
        NAME,
        retained.isEmpty() ? Verdict.VALID : Verdict.INVALID,
        output.location(),
        violations.size()
            + " violations seen inside the job over "
            + markers.size()
            + " task attempts ("
            + attempts(markers)
            + "), "
            + files.size()
            + " committed files",
        files.size(),
        violations.size(),
        retained.stream().mapToLong(Anomaly::key).distinct().count(),
        List.of(),
        retained,
        sink.rangesByCategory(),
        sink.recordsByCategory(),
        "",
        Frontier.empty());
  }

  private static void read(
      String line, String file, long lineNumber, Set<Marker> markers, List<Anomaly> violations) {
    String[] fields = line.split(",", -1);
    if (fields.length >= 4 && fields[3].equals(STARTED)) {
      try {
        markers.add(
            new Marker(
                Integer.parseInt(fields[0]),
                Integer.parseInt(fields[1]),
                Long.parseLong(fields[2]),
                fields.length > 4 ? fields[4] : ""));
      } catch (NumberFormatException e) {
        violations.add(unreadable(file, lineNumber, "'" + line + "'"));
      }
      return;
    }
    violations.add(parse(fields, line, file, lineNumber));
  }

  /** The first (subtask, attempt) the harness expects that left no marker. */
  private Optional<String> missing(Set<Marker> markers) {
    for (Map.Entry<Integer, Integer> expected : requiredAttempts.entrySet()) {
      boolean found =
          markers.stream()
              .anyMatch(
                  m ->
                      m.jobId().equals(requiredJobId)
                          && m.subtask() == expected.getKey()
                          && m.attempt() == expected.getValue()
                          && m.startMillis() >= requiredNotBefore);
      if (!found) {
        return Optional.of(
            "no start marker from subtask "
                + expected.getKey()
                + " attempt "
                + expected.getValue()
                + " of job "
                + requiredJobId
                + (requiredNotBefore == Long.MIN_VALUE
                    ? ""
                    : " started at or after " + java.time.Instant.ofEpochMilli(requiredNotBefore))
                + ": the witness did not commit since the last restore");
      }
    }
    return Optional.empty();
  }

  /** Newer start time first, then the higher attempt (old markers all start at 0). */
  private static final Comparator<Marker> NEWEST =
      Comparator.comparingLong(Marker::startMillis).thenComparingInt(Marker::attempt);

  /**
   * Without the harness: in the newest job (the one with the newest marker), every subtask's newest
   * marker must be of the attempt of the job's newest marker. The sequence job is all-to-all, so
   * Flink's region failover restarts every subtask together; a subtask whose newest marker is of
   * another attempt has a witness that stopped committing. Newest by start time, not by attempt
   * number: a JobManager failover rebuilds the job under the same id with attempts from 0 again.
   * Markers without a start time (the old format) fall back to the highest attempt.
   */
  private static Optional<String> lagging(Set<Marker> markers) {
    List<Marker> latest = latestJob(markers);
    Marker current = latest.stream().max(NEWEST).orElseThrow();
    Map<Integer, Marker> newestBySubtask = new TreeMap<>();
    latest.forEach(
        m -> newestBySubtask.merge(m.subtask(), m, (a, b) -> NEWEST.compare(a, b) >= 0 ? a : b));
    for (Marker newest : newestBySubtask.values()) {
      if (newest.attempt() != current.attempt()) {
        String job = current.jobId();
        return Optional.of(
            "subtask "
                + newest.subtask()
                + "'s newest start marker is of attempt "
                + newest.attempt()
                + " but "
                + (job.isEmpty() ? "the job" : "job " + job)
                + "'s newest is of attempt "
                + current.attempt()
                + ": its witness did not commit since the last restore");
      }
    }
    return Optional.empty();
  }

  private static List<Marker> latestJob(Set<Marker> markers) {
    Map<String, List<Marker>> byJob =
        markers.stream()
            .collect(Collectors.groupingBy(Marker::jobId, TreeMap::new, Collectors.toList()));
    return byJob.values().stream()
        .max(
            Comparator.comparingLong(
                    (List<Marker> job) ->
                        job.stream().mapToLong(Marker::startMillis).max().orElse(0))
                .thenComparingInt(job -> job.stream().mapToInt(Marker::attempt).max().orElse(0)))
        .orElseThrow();
  }

  /** "attempts 0..2 of 2 subtasks" of the newest job, and how many jobs there were. */
  private static String attempts(Set<Marker> markers) {
    List<Marker> latest = latestJob(markers);
    int lowest = latest.stream().mapToInt(Marker::attempt).min().orElse(0);
    int highest = latest.stream().mapToInt(Marker::attempt).max().orElse(0);
    long subtasks = latest.stream().mapToInt(Marker::subtask).distinct().count();
    long jobs = markers.stream().map(Marker::jobId).distinct().count();
    return (lowest == highest ? "attempt " + lowest : "attempts " + lowest + ".." + highest)
        + " of "
        + subtasks
        + (subtasks == 1 ? " subtask" : " subtasks")
        + (jobs > 1 ? " in the newest of " + jobs + " jobs" : "");
  }

  private static Anomaly parse(String[] fields, String line, String file, long lineNumber) {
    try {
      AnomalyCategory category =
          switch (fields[3]) {
            case "lost" -> AnomalyCategory.LOST;
            case "duplicated" -> AnomalyCategory.DUPLICATED;
            case "state-reset" -> AnomalyCategory.STATE_RESET;
            default -> throw new IllegalArgumentException("unknown category " + fields[3]);
          };
      long from = Long.parseLong(fields[1]);
      long to = Long.parseLong(fields[2]);
      return new Anomaly(category, Long.parseLong(fields[0]), from, to, to - from + 1, "");
    } catch (RuntimeException e) {
      return unreadable(file, lineNumber, "'" + line + "'");
    }
  }

  private static Anomaly unreadable(String file, long lineNumber, String what) {
    return new Anomaly(
        AnomalyCategory.UNEXPECTED,
        -1,
        lineNumber,
        lineNumber,
        1,
        "unreadable witness line " + lineNumber + " of " + file + ": " + what);
  }

  /** Per key and category, adjacent or overlapping seq ranges become one. */
  private static List<Anomaly> merged(List<Anomaly> violations) {
    violations.sort(
        Comparator.comparing(Anomaly::category)
            .thenComparingLong(Anomaly::key)
            .thenComparingLong(Anomaly::firstSeq));
    List<Anomaly> merged = new ArrayList<>();
    for (Anomaly next : violations) {
      Anomaly last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null
          && last.category() == next.category()
          && last.key() == next.key()
          && next.firstSeq() <= last.lastSeq() + 1
          && next.category() != AnomalyCategory.UNEXPECTED) {
        merged.set(
            merged.size() - 1,
            new Anomaly(
                last.category(),
                last.key(),
                last.firstSeq(),
                Math.max(last.lastSeq(), next.lastSeq()),
                last.records() + next.records(),
                last.detail()));
      } else {
        merged.add(next);
      }
    }
    return merged;
  }
}
