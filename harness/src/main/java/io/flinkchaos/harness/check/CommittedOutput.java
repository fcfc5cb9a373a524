package io.flinkchaos.harness.check;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where a job's committed output lives. Implementations list only committed part files: never
 * FileSink's hidden in-progress or pending files, never open multipart uploads.
 */
public interface CommittedOutput {

  /** Where the output is, for messages ("file:/tmp/out", "s3://bucket/prefix"). */
  String location();

  /** The committed part files at this moment. Empty if the location does not exist yet. */
  List<CommittedFile> committedFiles() throws IOException;

  InputStream open(CommittedFile file) throws IOException;

  /**
   * FileSink's rule for committed files: a name starting with the part prefix, and no path segment
   * starting with a dot (in-progress and pending files are hidden, e.g. {@code
   * .part-x.inprogress}).
   */
  static boolean isCommittedPartFile(String relativePath, String partPrefix) {
    String[] segments = relativePath.split("/");
    for (String segment : segments) {
      if (segment.isEmpty() || segment.startsWith(".")) {
        return false;
      }
    }
    return segments[segments.length - 1].startsWith(partPrefix);
  }
}
