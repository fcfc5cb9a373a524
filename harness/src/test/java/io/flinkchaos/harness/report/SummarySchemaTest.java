package io.flinkchaos.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reports/summary.json against its JSON Schema (draft 2020-12), with networknt's validator 3.0.9
 * (through {@link RunSummaryReader#validate}, as the run page reads it): the writer's document for
 * fake records passes, and broken documents are rejected with the validator's message naming what
 * is wrong.
 */
class SummarySchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path reports;

  @Test
  void theWritersDocumentIsValid() throws IOException {
    String document = writtenDocument();

    List<Error> errors = RunSummaryReader.validate(document);

    assertThat(errors).as("validation errors of the written summary").isEmpty();
  }

  /** The run page's test summary, written by hand after the contract, fits the schema too. */
  @Test
  void theRunPagesSampleSummaryIsValid() throws IOException {
    try (InputStream in = SummarySchemaTest.class.getResourceAsStream("fake-summary.json")) {
      String document = new String(in.readAllBytes(), StandardCharsets.UTF_8);

      assertThat(RunSummaryReader.validate(document)).isEmpty();
    }
  }

  @Test
  void aMissingRequiredFieldIsRejected() throws IOException {
    ObjectNode document = parsed();
    document.remove("platform");

    assertThat(messages(document))
        .anySatisfy(m -> assertThat(m).contains("platform").contains("required"));
  }

  @Test
  void aVerdictOutsideItsEnumIsRejected() throws IOException {
    ObjectNode document = parsed();
    ((ObjectNode) document.get("scenarios").get(0).get("witnesses").get(0))
        .put("verdict", "PROBABLY");

    assertThat(messages(document))
        .anySatisfy(
            m -> assertThat(m).contains("/scenarios/0/witnesses/0/verdict").contains("enum"));
  }

  @Test
  void aFieldOfTheWrongTypeIsRejected() throws IOException {
    ObjectNode document = parsed();
    ((ObjectNode) document.get("scenarios").get(0)).put("line", "seven");

    assertThat(messages(document))
        .anySatisfy(m -> assertThat(m).contains("/scenarios/0/line").contains("integer"));
  }

  @Test
  void aFinishedRunStillValidates() throws IOException {
    RunSummaryWriter writer = RunSummaryWriterTest.fakeRun(reports.resolve("summary.json"));
    writer.finish(FakeScenarioRecords.at(60));

    assertThat(RunSummaryReader.validate(RunSummaryWriter.json(writer.summary()))).isEmpty();
  }

  private List<String> messages(ObjectNode document) {
    List<String> messages =
        RunSummaryReader.validate(document.toString()).stream().map(Error::toString).toList();
    System.out.println("validator: " + messages);
    return messages;
  }

  private ObjectNode parsed() throws IOException {
    return (ObjectNode) JSON.readTree(writtenDocument());
  }

  private String writtenDocument() throws IOException {
    Path file = reports.resolve("summary.json");
    RunSummaryWriterTest.fakeRun(file);
    return java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
  }
}
