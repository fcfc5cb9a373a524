package io.flinkchaos.harness.check;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Committed output on a local or mounted file system, as FileSink lays it out (bucket dirs).
 * Follows symlinks; a symlink loop, a dangling symlink or a non-regular file (a FIFO would block
 * the reader) named like a part file make the listing fail, never a silently partial listing.
 */
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
    for (int attempt = 1; ; attempt++) {
      try {
        return listCommittedFiles();
      } catch (java.nio.file.NoSuchFileException gone) {
        // A running FileSink renames and deletes its hidden in-progress files while the walk
        // reads them (seen in a fresh-clone run); committed part files are never removed, so a
        // new walk is consistent. Anything else that vanishes is an error.
        String name =
            gone.getFile() == null ? "" : Path.of(gone.getFile()).getFileName().toString();
        if (attempt >= LISTING_ATTEMPTS || !name.startsWith(".")) {
          throw gone;
        }
      }
    }
  }

  static final int LISTING_ATTEMPTS = 3;

  private List<CommittedFile> listCommittedFiles() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<CommittedFile> files = new ArrayList<>();
    // Symlinks are followed: a bucket directory linked in from elsewhere is part of the output,
    // and skipping it would check a part of the output as if it were all of it.
    try (Stream<Path> paths = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String relative = root.relativize(path).toString().replace('\\', '/');
        if (Files.isDirectory(path) || !CommittedOutput.isCommittedPartFile(relative, partPrefix)) {
          continue;
        }
        if (!Files.isRegularFile(path)) {
          throw new IOException(
              Files.isSymbolicLink(path)
                  ? "dangling symlink " + relative + " -> " + Files.readSymbolicLink(path)
                  : relative + " is not a regular file");
        }
        files.add(new CommittedFile(relative, sizeOf(path)));
      }
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof FileSystemLoopException loop) {
        throw new IOException(
            "symlink loop at " + root.relativize(Path.of(loop.getFile())) + " in " + location(),
            loop);
      }
      throw e.getCause();
    }
    files.sort(Comparator.comparing(CommittedFile::path));
    return files;
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
