package io.flinkchaos.harness.check;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Checks committed output lines {@code key,seq[,count[,version]]} for exactly-once: every key's
 * seqs form a gap-free prefix (lost), each (key, seq) appears once (duplicated), nothing outside
 * the emitted key and seq space appears (unexpected), the keyed count equals seq + 1 (state reset),
 * per key the job versions switch exactly once (version order), and, given a baseline frontier,
 * every key committed past it (stalled).
 *
 * <p>Streams every file once; memory is O(keys + anomalies), never O(records). Works at any moment
 * of a running job: committed output is always a prefix per key.
 */
public final class SequenceChecker implements Checker {

  public static final String NAME = "output checker";
  private static final int RETAINED_ANOMALIES = 10_000;

  private final int expectedKeys;
  private final long expectedRecordsPerKey;
  private final List<String> requiredVersions;
  private final Frontier progressBaseline;

  private SequenceChecker(
      int expectedKeys,
      long expectedRecordsPerKey,
      List<String> requiredVersions,
      Frontier progressBaseline) {
    this.expectedKeys = expectedKeys;
    this.expectedRecordsPerKey = expectedRecordsPerKey;
    this.requiredVersions = List.copyOf(requiredVersions);
    this.progressBaseline = progressBaseline;
  }

  /** A checker that knows nothing about the job: holes, duplicates, resets and versions only. */
  public static SequenceChecker anyKeys() {
    return new SequenceChecker(0, 0, List.of(), null);
  }

  /**
   * Keys {@code 0..keys-1} must all have records; any other key is unexpected. Output without any
   * record is then INVALID (every key lost), not UNKNOWN. {@code forKeys(0)} knows no keys, like
   * {@link #anyKeys()}.
   */
  public static SequenceChecker forKeys(int keys) {
    return new SequenceChecker(keys, 0, List.of(), null);
  }

  /** For a bounded run: every key must end with exactly seq {@code recordsPerKey - 1}. */
  public SequenceChecker withRecordsPerKey(long recordsPerKey) {
    return new SequenceChecker(expectedKeys, recordsPerKey, requiredVersions, progressBaseline);
  }

  /** Every key must have records of each of these versions (an upgrade reached every key). */
  public SequenceChecker withVersions(List<String> versions) {
    return new SequenceChecker(expectedKeys, expectedRecordsPerKey, versions, progressBaseline);
  }

  /**
   * Liveness: every key of {@code baseline} (typically {@link CheckResult#frontier()} of a check at
   * the fault), and every expected key of {@link #forKeys}, must have committed a seq strictly
   * above its baseline seq (-1 for a key not in it); each key that did not is one {@link
   * AnomalyCategory#STALLED} anomaly, and the verdict is INVALID.
   */
  public SequenceChecker withProgressBeyond(Frontier baseline) {
    return new SequenceChecker(
        expectedKeys, expectedRecordsPerKey, requiredVersions, Objects.requireNonNull(baseline));
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
    if (files.isEmpty() && !knowsWhatToExpect()) {
      return CheckResult.unknown(NAME, output.location(), "no committed part files yet");
    }
    Ledger ledger = new Ledger();
    RecordLineParser parser = new RecordLineParser(ledger.versions);
    for (CommittedFile file : files) {
      try (InputStream in = output.open(file)) {
        parser.parse(file.path(), in, ledger);
      } catch (IOException | RuntimeException e) {
        return CheckResult.unknown(
            NAME, output.location(), "cannot read " + file.path() + ": " + CheckResult.describe(e));
      }
    }
    if (ledger.records == 0 && !knowsWhatToExpect()) {
      return CheckResult.unknown(
          NAME, output.location(), "no records in " + files.size() + " committed part files");
    }
    return ledger.finish(output.location(), files.size());
  }

  /** Whether some key must have records: then output without any is INVALID, not UNKNOWN. */
  private boolean knowsWhatToExpect() {
    return expectedKeys > 0 || (progressBaseline != null && !progressBaseline.isEmpty());
  }

  /** The per-key histories, indexed directly by key for the dense keys jobs use. */
  private final class Ledger implements RecordLineParser.Records {
    private final AnomalySink sink = new AnomalySink(RETAINED_ANOMALIES);
    private final VersionOrder versions = new VersionOrder();
    private KeyHistory[] byKey = new KeyHistory[Math.max(16, expectedKeys)];
    private final java.util.HashMap<Long, KeyHistory> sparse = new java.util.HashMap<>();
    private long records;

    @Override
    public void record(long key, long seq, long count, int version) {
      records++;
      if (expectedKeys > 0 && key >= expectedKeys) {
        history(key).acceptUnexpectedKey(seq);
      } else {
        history(key).accept(seq, count, version, expectedRecordsPerKey);
      }
    }

    @Override
    public void unreadable(String file, long lineNumber, String line) {
      records++;
      sink.add(
          new Anomaly(
              AnomalyCategory.UNEXPECTED,
              -1,
              lineNumber,
              lineNumber,
              1,
              "unreadable line " + lineNumber + " of " + file + ": '" + line + "'"));
    }

    private KeyHistory history(long key) {
      if (key < (1 << 20)) {
        int k = (int) key;
        if (k >= byKey.length) {
          byKey = java.util.Arrays.copyOf(byKey, Math.max(k + 1, byKey.length * 2));
        }
        KeyHistory history = byKey[k];
        if (history == null) {
          history = new KeyHistory(key, sink);
          byKey[k] = history;
        }
        return history;
      }
      return sparse.computeIfAbsent(key, k -> new KeyHistory(k, sink));
    }

    CheckResult finish(String location, long files) {
      List<KeyHistory> histories = new ArrayList<>(sparse.values());
      for (KeyHistory history : byKey) {
        if (history != null) {
          histories.add(history);
        }
      }
      histories.sort(Comparator.comparingLong(KeyHistory::key));
      for (KeyHistory history : histories) {
        if (expectedKeys > 0 && history.key() >= expectedKeys) {
          sink.add(
              new Anomaly(
                  AnomalyCategory.UNEXPECTED,
                  history.key(),
                  history.lowestSeqSeen(),
                  history.highestSeqSeen(),
                  history.records(),
                  "key outside 0.." + (expectedKeys - 1)));
        } else {
          history.finish(expectedRecordsPerKey, versions, requiredVersions, sink);
        }
      }
      Frontier.Builder frontier = new Frontier.Builder();
      for (KeyHistory history : histories) {
        if (!history.isEmpty() && (expectedKeys == 0 || history.key() < expectedKeys)) {
          frontier.add(history.key(), history.maxSeq());
        }
      }
      Frontier reached = frontier.build();
      if (progressBaseline != null) {
        reached.stalledSince(progressBaseline, expectedKeys).forEach(sink::add);
      }
      for (int key = 0; key < expectedKeys; key++) {
        if (key >= byKey.length || byKey[key] == null || byKey[key].isEmpty()) {
          long end = expectedRecordsPerKey > 0 ? expectedRecordsPerKey - 1 : 0;
          sink.add(
              new Anomaly(
                  AnomalyCategory.LOST, key, 0, end, end + 1, "no committed record for this key"));
        }
      }
      List<Anomaly> anomalies = new ArrayList<>(sink.retained());
      anomalies.sort(
          Comparator.comparing(Anomaly::category)
              .thenComparingLong(Anomaly::key)
              .thenComparingLong(Anomaly::firstSeq));
      Verdict verdict = sink.rangesByCategory().isEmpty() ? Verdict.VALID : Verdict.INVALID;
      return new CheckResult(
          NAME,
          verdict,
          location,
          records + " records, " + histories.size() + " keys, " + files + " committed files",
          files,
          records,
          histories.size(),
          versions.labels().stream().sorted(VersionOrder::compareLabels).toList(),
          anomalies,
          sink.rangesByCategory(),
          sink.recordsByCategory(),
          "",
          reached);
    }
  }
}
