package io.flinkchaos.harness.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The job versions seen in the output, in upgrade order ("v1" before "v2" before "v10"). Per key,
 * every record of an older version must precede every record of a newer one: the switch happens
 * exactly once, at the upgrade.
 */
final class VersionOrder {

  private final List<String> labels = new ArrayList<>();

  /** The index of a version label, registering it on first sight. */
  int indexOf(String label) {
    int index = labels.indexOf(label);
    if (index >= 0) {
      return index;
    }
    labels.add(label);
    return labels.size() - 1;
  }

  List<String> labels() {
    return List.copyOf(labels);
  }

  /**
   * Reports, per pair of versions, records of the older one after the first of the newer one. A
   * newer version that starts the key again at seq 0 did not carry the job's state over (what a
   * stateless upgrade of a stateful job does): that is a state reset.
   */
  void check(KeyHistory history, List<String> required, AnomalySink sink) {
    for (String version : required) {
      int index = labels.indexOf(version);
      if (index < 0 || history.versionMin(index) < 0) {
        sink.add(
            new Anomaly(
                AnomalyCategory.VERSION_ORDER,
                history.key(),
                history.minSeq(),
                history.maxSeq(),
                0,
                "no " + version + " record for this key: it never switched to " + version));
      }
    }
    List<Integer> order = upgradeOrder();
    for (int i = 0; i < order.size(); i++) {
      for (int j = i + 1; j < order.size(); j++) {
        int older = order.get(i);
        int newer = order.get(j);
        long olderMax = history.versionMax(older);
        long newerMin = history.versionMin(newer);
        if (olderMax >= 0 && newerMin >= 0 && olderMax >= newerMin) {
          boolean restarted = newerMin == 0;
          sink.add(
              new Anomaly(
                  restarted ? AnomalyCategory.STATE_RESET : AnomalyCategory.VERSION_ORDER,
                  history.key(),
                  newerMin,
                  olderMax,
                  olderMax - newerMin + 1,
                  restarted
                      ? labels.get(newer)
                          + " started this key again at seq 0 after "
                          + labels.get(older)
                          + " reached seq "
                          + olderMax
                          + ": the state was not carried over"
                      : labels.get(older)
                          + " up to seq "
                          + olderMax
                          + " but "
                          + labels.get(newer)
                          + " from seq "
                          + newerMin));
        }
      }
    }
  }

  private List<Integer> upgradeOrder() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> compareLabels(labels.get(a), labels.get(b)));
    return order;
  }

  /** Natural order: the digits in a label compare as numbers, so v2 < v10. */
  static int compareLabels(String a, String b) {
    String digitsA = a.replaceAll("\\D", "");
    String digitsB = b.replaceAll("\\D", "");
    if (!digitsA.isEmpty()
        && !digitsB.isEmpty()
        && digitsA.length() < 18
        && digitsB.length() < 18) {
      int byNumber = Long.compare(Long.parseLong(digitsA), Long.parseLong(digitsB));
      if (byNumber != 0) {
        return byNumber;
      }
    }
    return a.compareTo(b);
  }
}
