package io.flinkchaos.harness.flink;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the harness reads of {@code GET /jobs/:jobid/checkpoints} beyond Flink's own type: the
 * in-flight data the latest completed checkpoint persisted ({@code persisted_data}, the channel
 * state of unaligned checkpoints). Flink 1.20.3's {@code CheckpointStatistics} has the field but no
 * getter for it; the names were read in that class ({@code FIELD_NAME_PERSISTED_DATA}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
final class LatestCheckpointData {

  @JsonProperty("latest")
  Latest latest;

  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Latest {
    @JsonProperty("completed")
    Completed completed;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Completed {
    @JsonProperty("id")
    long id;

    @JsonProperty("persisted_data")
    long persistedData;
  }

  java.util.Optional<FlinkRest.InFlightData> inFlightData() {
    return latest == null || latest.completed == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            new FlinkRest.InFlightData(latest.completed.id, latest.completed.persistedData));
  }
}
