package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Flink's configuration file as a ConfigMap holds it: {@code config.yaml} (Flink 1.19+, standard
 * YAML, nested keys allowed) or the legacy {@code flink-conf.yaml} ({@code key: value} lines). Read
 * into flat dotted keys, as Flink reads both, and written back as flat {@code key: value} lines,
 * which both formats accept.
 */
final class FlinkConfigFile {

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private FlinkConfigFile() {}

  /** The file's keys, nested maps flattened to dotted keys; a one-line error if it is no YAML. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String text, String source) {
    Object parsed;
    try {
      parsed = text == null || text.isBlank() ? Map.of() : YAML.unmarshal(text, Map.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          source
              + ": Flink's configuration in the ConfigMap is not YAML: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    Map<String, Object> flat = new LinkedHashMap<>();
    flatten("", parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(), flat);
    return flat;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> out) {
    map.forEach(
        (key, value) -> {
          String full = prefix.isEmpty() ? key : prefix + "." + key;
          if (value instanceof Map<?, ?> nested) {
            flatten(full, (Map<String, Object>) nested, out);
          } else {
            out.put(full, value);
          }
        });
  }

  /** Flat {@code key: value} lines; lists as Flink's {@code a;b} form. */
  static String write(Map<String, Object> values, String file) {
    return "# "
        + file
        + ": your keys, plus what flink-chaos added (see its log)\n"
        + values.entrySet().stream()
            .map(e -> e.getKey() + ": " + scalar(e.getValue()))
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  private static String scalar(Object value) {
    if (value instanceof List<?> list) {
      return quoted(list.stream().map(String::valueOf).collect(Collectors.joining(";")));
    }
    return quoted(String.valueOf(value));
  }

  /** Quoted when YAML would read it otherwise (a colon-space, a leading special character). */
  private static String quoted(String text) {
    boolean plain =
        !text.isEmpty()
            && !text.contains(": ")
            && !text.contains(" #")
            && "-?:,[]{}#&*!|>'\"%@`".indexOf(text.charAt(0)) < 0;
    return plain ? text : "'" + text.replace("'", "''") + "'";
  }
}
