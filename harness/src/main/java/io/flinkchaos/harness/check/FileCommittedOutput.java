package io.flinkchaos.harness.check;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Committed output on a local or mounted file system, as FileSink lays it out (bucket dirs). */
public final class FileCommittedOutput implements CommittedOutput {

  private final Path root;
  private final String partPrefix;

  public FileCommittedOutput(Path root) {
    this(root, "part-");
  }

  public FileCommittedOutput(Path root, String partPrefix) {
    this.root = root.toAbsolutePath();
    this.partPrefix = partPrefix;
  }

  @Override
  public String location() {
    return root.toUri().toString();
  }

  @Override
  public List<CommittedFile> committedFiles() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isRegularFile)
          .map(path -> root.relativize(path).toString().replace('\\', '/'))
          .filter(relative -> CommittedOutput.isCommittedPartFile(relative, partPrefix))
          .map(relative -> new CommittedFile(relative, sizeOf(root.resolve(relative))))
          .sorted(Comparator.comparing(CommittedFile::path))
          .toList();
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public InputStream open(CommittedFile file) throws IOException {
    return new BufferedInputStream(Files.newInputStream(root.resolve(file.path())), 1 << 16);
  }
}
