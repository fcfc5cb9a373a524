package io.flinkchaos.harness.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads reports/summary.json back into a {@link RunSummary}, only once it matches its JSON Schema
 * ({@value #SCHEMA_RESOURCE}, draft 2020-12, validated with networknt's validator): a document that
 * does not is refused in one line naming the file and the validator's first finding.
 */
public final class RunSummaryReader {

  static final String SCHEMA_RESOURCE = "/io/flinkchaos/harness/report/summary.schema.json";

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final Schema SCHEMA = schema();

  private RunSummaryReader() {}

  /** The schema's findings for {@code document} (empty when it matches). */
  public static List<Error> validate(String document) {
    return SCHEMA.validate(document, InputFormat.JSON);
  }

  /**
   * The summary at {@code file}, or an {@link IOException} whose message is one line: no file, an
   * empty file, not JSON, another schema version, or a document its schema refuses.
   */
  public static RunSummary read(Path file) throws IOException {
    Path shown = file.toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          "no run summary at "
              + shown
              + ": the run page is made from the summary.json a scenario run writes in reports/");
    }
    String document = Files.readString(file, StandardCharsets.UTF_8);
    if (document.isBlank()) {
      throw new IOException("the run summary " + shown + " is empty: no scenario was recorded");
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(document);
    } catch (JsonProcessingException e) {
      throw new IOException(
          "the run summary "
              + shown
              + " is not a summary document: "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    JsonNode version = tree.path("schemaVersion");
    if (!version.isInt() || version.intValue() != RunSummary.SCHEMA_VERSION) {
      throw new IOException(
          "the run summary "
              + shown
              + " has schemaVersion "
              + (version.isMissingNode() ? "none" : version.toString())
              + ": this reader reads version "
              + RunSummary.SCHEMA_VERSION);
    }
    List<Error> errors = validate(document);
    if (!errors.isEmpty()) {
      throw new IOException(
          "the run summary "
              + shown
              + " does not match its schema ("
              + SCHEMA_RESOURCE.substring(SCHEMA_RESOURCE.lastIndexOf('/') + 1)
              + "): "
              + errors.get(0)
              + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
    }
    return JSON.treeToValue(tree, RunSummary.class);
  }

  private static Schema schema() {
    try (InputStream in = RunSummaryReader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the classpath");
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
    }
  }
}
