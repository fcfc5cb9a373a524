package io.flinkchaos.harness.platform.k8s;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The identity of one harness run on a shared namespace: every object the run creates carries
 * {@code app.kubernetes.io/managed-by=flink-chaos} and {@code flink-chaos/run-id=<value>}, and the
 * run's cleanup selects by both, so parallel runs in one namespace never touch each other's
 * objects. The value is a valid label value and short enough to prefix object names (a Flink
 * cluster id must stay within 45 characters).
 */
public record RunId(String value) {

  /** The label carrying the run id. */
  public static final String LABEL = "flink-chaos/run-id";

  private static final Pattern VALID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMdd-HHmmss");
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  public RunId {
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "run id '"
              + value
              + "' is not 1-32 lowercase letters, digits and '-', starting and ending with a"
              + " letter or digit");
    }
  }

  /** {@code r260512-143000-x7k2}: when the run started, plus 4 random characters. */
  public static RunId generate(LocalDateTime now) {
    SecureRandom random = new SecureRandom();
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return new RunId("r" + now.format(STAMP) + "-" + suffix);
  }

  /** The labels every object of this run carries. */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE);
    labels.put(LABEL, value);
    return labels;
  }

  @Override
  public String toString() {
    return value;
  }
}
