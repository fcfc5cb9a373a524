package io.flinkchaos.harness.config;

/**
 * A team's job as {@code flink-chaos.yaml} declares it under {@code jobs:}: its jar (an absolute
 * path, or {@code local:///…} for a jar the cluster's containers hold), entry class and program
 * arguments ({@code {output}} stands for the output location the harness chooses).
 */
public record ConfiguredJob(String name, String jar, String entryClass, String arguments) {}
