package io.flinkchaos.harness.flink;

import java.util.List;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the harness reads of {@code GET /jobs/:jobid/exceptions}: the exception history, newest
 * first. Its own type rather than Flink 1.20's {@code JobExceptionsInfoWithHistory}, whose
 * constructor requires the legacy {@code root-exception} / {@code all-exceptions} fields that Flink
 * 2.x no longer sends; {@code exceptionHistory} and its entries' names are the same in both
 * (1.20.3's {@code JobExceptionsInfoWithHistory.RootExceptionInfo}, checked against 2.2.1 by
 * FlinkRestClientVersionsIT).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
final class ExceptionHistory {

  @JsonProperty("exceptionHistory")
  History history = new History();

  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class History {
    @JsonProperty("entries")
    List<Entry> entries = List.of();

    @JsonProperty("truncated")
    boolean truncated;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Entry {
    @JsonProperty("timestamp")
    long timestamp;

    @JsonProperty("stacktrace")
    String stacktrace;

    @JsonProperty("taskManagerId")
    String taskManagerId;
  }
}
