package io.flinkchaos.harness.platform.local;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Flink resource id of TaskManager N's generation G, {@code taskmanager-N-gG}: Flink reports
 * TaskManagers by resource id, and this is how the logical number N survives a process being
 * replaced.
 */
final class TaskManagerResourceId {

  private static final Pattern RESOURCE_ID = Pattern.compile("taskmanager-(\\d+)-g\\d+");

  private TaskManagerResourceId() {}

  static String of(int index, int generation) {
    return name(index) + "-g" + generation;
  }

  /** The supervised process's name (and directory) of TaskManager {@code index}. */
  static String name(int index) {
    return "taskmanager-" + index;
  }

  /** The logical TaskManager number; empty for a resource id this cluster did not give. */
  static OptionalInt index(String resourceId) {
    Matcher matcher = RESOURCE_ID.matcher(resourceId);
    return matcher.matches()
        ? OptionalInt.of(Integer.parseInt(matcher.group(1)))
        : OptionalInt.empty();
  }
}
