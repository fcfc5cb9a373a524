package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.check.CommittedOutput;
import io.flinkchaos.harness.check.FileCommittedOutput;
import io.flinkchaos.harness.platform.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Checkpoints, savepoints and job output in directories of the cluster's work dir. */
final class LocalStorage implements Storage {

  private final Path root;
  private final AtomicInteger outputs = new AtomicInteger();

  LocalStorage(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root.resolve("checkpoints"));
      Files.createDirectories(root.resolve("savepoints"));
      Files.createDirectories(root.resolve("output"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create storage directories under " + root, e);
    }
  }

  @Override
  public String kind() {
    return "file";
  }

  @Override
  public URI checkpoints() {
    return root.resolve("checkpoints").toUri();
  }

  @Override
  public URI savepoints() {
    return root.resolve("savepoints").toUri();
  }

  @Override
  public URI highAvailability() {
    return root.resolve("ha").toUri();
  }

  @Override
  public URI newOutputLocation(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]+", "-");
    return root.resolve("output").resolve(outputs.incrementAndGet() + "-" + safe).toUri();
  }

  @Override
  public CommittedOutput committedOutput(URI location) {
    return new FileCommittedOutput(Path.of(location));
  }
}
