package io.flinkchaos.harness.check;

/** One committed part file of a sink's output, by its path relative to the output root. */
public record CommittedFile(String path, long size) {}
