package io.flinkchaos.harness.flink;

/**
 * What a job's source vertex has written so far, from {@code GET /jobs/:jobid}: the vertex's {@code
 * metrics.write-records} (Flink 1.20.3 {@code IOMetricsInfo.FIELD_NAME_RECORDS_WRITTEN}), summed
 * over the current execution attempts of its subtasks ({@code MutableIOMetrics #addIOMetrics}), so
 * a restart starts it again from zero.
 *
 * @param vertex the vertex's name
 * @param recordsWritten records the vertex's subtasks sent downstream
 * @param complete {@code metrics.write-records-complete}: false while a subtask's metrics are
 *     missing from the JobManager's metric store, and the sum is too low
 * @param running the vertex's aggregated execution state is RUNNING
 */
public record SourceOutput(String vertex, long recordsWritten, boolean complete, boolean running) {}
