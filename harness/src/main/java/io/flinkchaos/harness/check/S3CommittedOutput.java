package io.flinkchaos.harness.check;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Committed output under an S3 prefix, read through the AWS SDK (list + get). FileSink on S3
 * commits a part file by completing its multipart upload, so objects that exist are committed;
 * in-progress uploads, their staging objects and directory markers never count.
 */
public final class S3CommittedOutput implements CommittedOutput {

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final String partPrefix;

  public S3CommittedOutput(S3Client s3, String bucket, String prefix, String partPrefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    this.partPrefix = partPrefix;
  }

  /** Output at an {@code s3://bucket/prefix} URI (the {@code s3a} scheme is accepted too). */
  public static S3CommittedOutput at(S3Client s3, URI location) {
    String scheme = location.getScheme();
    if (scheme == null || !(scheme.equals("s3") || scheme.equals("s3a"))) {
      throw new IllegalArgumentException(
          "not an S3 location: '" + location + "', expected s3://bucket/prefix");
    }
    String path = location.getPath() == null ? "" : location.getPath();
    return new S3CommittedOutput(
        s3, location.getHost(), path.startsWith("/") ? path.substring(1) : path, "part-");
  }

  @Override
  public String location() {
    return "s3://" + bucket + "/" + prefix;
  }

  @Override
  public List<CommittedFile> committedFiles() {
    List<CommittedFile> files = new ArrayList<>();
    ListObjectsV2Request request =
        ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
    for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
      String relative = object.key().substring(prefix.length());
      if (relative.isEmpty()
          || relative.endsWith("/")
          || !CommittedOutput.isCommittedPartFile(relative, partPrefix)) {
        continue;
      }
      files.add(new CommittedFile(relative, object.size() == null ? -1 : object.size()));
    }
    files.sort(Comparator.comparing(CommittedFile::path));
    return files;
  }

  @Override
  public InputStream open(CommittedFile file) {
    return new BufferedInputStream(
        s3.getObject(GetObjectRequest.builder().bucket(bucket).key(prefix + file.path()).build()),
        1 << 16);
  }
}
