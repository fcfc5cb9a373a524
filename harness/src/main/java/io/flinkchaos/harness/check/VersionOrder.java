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

  void check(KeyHistory history, AnomalySink sink) {
    List<Integer> order = upgradeOrder();
    for (int i = 0; i < order.size(); i++) {
      for (int j = i + 1; j < order.size(); j++) {
        int older = order.get(i);
        int newer = order.get(j);
        long olderMax = history.versionMax(older);
        long newerMin = history.versionMin(newer);
        if (olderMax >= 0 && newerMin >= 0 && olderMax > newerMin) {
          sink.add(
              new Anomaly(
                  AnomalyCategory.VERSION_ORDER,
                  history.key(),
                  newerMin,
                  olderMax,
                  olderMax - newerMin + 1,
                  labels.get(older)
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
