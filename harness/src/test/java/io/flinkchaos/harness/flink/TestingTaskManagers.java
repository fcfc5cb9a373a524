package io.flinkchaos.harness.flink;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The TaskManagers of {@link TestingFlinkRest}, a FAKE: numbered from 1, each with the resource id
 * the local platform gives it ({@code taskmanager-N-gG}, G counting replacements), some taken down.
 */
final class TestingTaskManagers {

  private final Map<Integer, Integer> generationOf = new TreeMap<>();
  private final Set<Integer> down = new TreeSet<>();

  TestingTaskManagers(int count) {
    for (int index = 1; index <= count; index++) {
      generationOf.put(index, 1);
    }
  }

  List<Integer> up() {
    return generationOf.keySet().stream().filter(i -> !down.contains(i)).toList();
  }

  String resourceId(int index) {
    return "taskmanager-" + index + "-g" + generationOf.get(index);
  }

  /** The process of TaskManager {@code index} dies; returns the resource id it had. */
  String lost(int index, boolean staysDown) {
    if (!generationOf.containsKey(index)) {
      throw new IllegalArgumentException("the testing cluster has no TaskManager " + index);
    }
    String lost = resourceId(index);
    generationOf.merge(index, 1, Integer::sum);
    if (staysDown) {
      down.add(index);
    }
    return lost;
  }

  void back(int index) {
    down.remove(index);
  }

  /** Subtask i of every vertex on the i-th TaskManager up (round robin), as slot sharing does. */
  void place(TestingJob job) {
    List<Integer> up = up();
    job.taskManagerOfSubtask.clear();
    for (int subtask = 0; subtask < job.submission.parallelism() && !up.isEmpty(); subtask++) {
      job.taskManagerOfSubtask.put(subtask, up.get(subtask % up.size()));
    }
  }
}
