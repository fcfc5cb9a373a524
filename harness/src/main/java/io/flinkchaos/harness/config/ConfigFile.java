package io.flinkchaos.harness.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A {@code flink-chaos.yaml} read into harness properties. It is the one named by {@code
 * -Dharness.config}, else {@code flink-chaos.yaml} in the working directory if there is one. A
 * problem in it (an unknown key, a value of the wrong type, bad YAML) is one line naming the file
 * and the key.
 */
public record ConfigFile(Path path, Map<String, String> properties) {

  /** The property naming the file. */
  public static final String CONFIG = "harness.config";

  public static final String DEFAULT_NAME = "flink-chaos.yaml";

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  /**
   * The file {@code -Dharness.config} names (which must exist), else {@code flink-chaos.yaml} in
   * {@code workingDir} if present, else none.
   */
  public static Optional<ConfigFile> locate(Properties properties, Path workingDir) {
    String named = properties.getProperty(CONFIG);
    if (named != null && !named.isBlank()) {
      Path path = workingDir.resolve(named.trim()).normalize();
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException(
            "-D" + CONFIG + "=" + named.trim() + ": no such file (" + path.toAbsolutePath() + ")");
      }
      return Optional.of(read(path));
    }
    Path implicit = workingDir.resolve(DEFAULT_NAME);
    return Files.isRegularFile(implicit) ? Optional.of(read(implicit)) : Optional.empty();
  }

  /** Reads {@code path}; relative paths in it resolve against its directory. */
  public static ConfigFile read(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    JsonNode tree;
    try {
      tree = YAML.readTree(absolute.toFile());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          path + ": not valid YAML: " + oneLine(e.getOriginalMessage()) + location(e), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(path + ": cannot be read: " + e.getMessage(), e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) { // an empty file: nothing set
      return new ConfigFile(absolute, Map.of());
    }
    FlinkChaosConfig config;
    try {
      config = YAML.treeToValue(tree, FlinkChaosConfig.class);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(path + ": " + describe(e, tree), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          path + ": not valid YAML: " + oneLine(e.getOriginalMessage()) + location(e), e);
    }
    return new ConfigFile(absolute, config.toProperties(absolute.getParent()));
  }

  private static String describe(JsonMappingException e, JsonNode tree) {
    String key = key(e);
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown key '" + key + "' (known: " + known(unknown) + ")";
    }
    if (e instanceof InvalidFormatException invalid) {
      return "'"
          + key
          + "' must be "
          + expected(invalid.getTargetType())
          + ", got '"
          + invalid.getValue()
          + "'";
    }
    if (e instanceof MismatchedInputException mismatched) {
      return "'" + key + "' must be " + expected(mismatched.getTargetType()) + got(tree, e);
    }
    return (key.isEmpty() ? "" : "'" + key + "': ") + e.getOriginalMessage() + location(e);
  }

  /** The dotted path of the key at fault: {@code kubernetes.namespace}, {@code jobs.app.jar}. */
  private static String key(JsonMappingException e) {
    return e.getPath().stream()
        .map(
            reference ->
                reference.getFieldName() != null
                    ? reference.getFieldName()
                    : String.valueOf(reference.getIndex()))
        .collect(Collectors.joining("."));
  }

  /** The keys where the unknown one is, in the order {@link FlinkChaosConfig} declares them. */
  private static String known(UnrecognizedPropertyException e) {
    Class<?> type = e.getReferringClass();
    if (type == null || !type.isRecord()) {
      return e.getKnownPropertyIds().stream()
          .map(String::valueOf)
          .collect(Collectors.joining(", "));
    }
    return Arrays.stream(type.getRecordComponents())
        .map(
            component ->
                Optional.ofNullable(component.getAccessor().getAnnotation(JsonProperty.class))
                    .map(JsonProperty::value)
                    .orElse(component.getName()))
        .collect(Collectors.joining(", "));
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT))
              .collect(Collectors.joining(", "));
    }
    if (type == Integer.class || type == Long.class) {
      return "a whole number";
    }
    if (type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a single value";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping of keys to values";
    }
    return "a " + type.getSimpleName();
  }

  /** What the file holds at the key at fault. */
  private static String got(JsonNode tree, JsonMappingException e) {
    JsonNode node = tree;
    for (JsonMappingException.Reference reference : e.getPath()) {
      node =
          reference.getFieldName() != null
              ? node.path(reference.getFieldName())
              : node.path(reference.getIndex());
    }
    if (node.isArray()) {
      return ", got a list";
    }
    if (node.isObject()) {
      return ", got a mapping";
    }
    return node.isMissingNode() || node.isNull() ? "" : ", got '" + node.asText() + "'";
  }

  /** SnakeYAML's messages span lines (a snippet with a caret): one line, as every error here. */
  private static String oneLine(String message) {
    return message.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }
}
