package io.flinkchaos.harness.platform.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes nested maps (a generic resource's spec and status) by path. */
final class Tree {

  private Tree() {}

  /** The map at {@code path} under {@code root}, created (empty) where missing. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> root, String... path) {
    Map<String, Object> current = root;
    for (String key : path) {
      Object next = current.get(key);
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        current.put(key, next);
      }
      current = (Map<String, Object>) next;
    }
    return current;
  }

  /** The list at {@code key} in {@code parent}, created (empty) where missing. */
  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (!(value instanceof List)) {
      value = new ArrayList<>();
      parent.put(key, value);
    }
    return (List<Object>) value;
  }

  /** The value at {@code path}, or null if any step is missing. */
  @SuppressWarnings("unchecked")
  static Object get(Map<String, Object> root, String... path) {
    Object current = root;
    for (String key : path) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<String, Object>) current).get(key);
    }
    return current;
  }

  static String string(Map<String, Object> root, String... path) {
    Object value = get(root, path);
    return value == null ? null : value.toString();
  }
}
