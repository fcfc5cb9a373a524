package io.flinkchaos.harness.cli;

import io.flinkchaos.harness.check.CommittedOutput;
import io.flinkchaos.harness.check.FileCommittedOutput;
import io.flinkchaos.harness.check.KafkaCommittedOutput;
import io.flinkchaos.harness.check.S3CommittedOutput;
import io.flinkchaos.harness.s3.S3Endpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns a command-line location (a directory, {@code file:} URI or {@code s3://bucket/prefix}) into
 * committed output, checking up front that it is there and reachable, so a wrong argument fails
 * fast with one actionable message (an {@link IllegalArgumentException}) instead of an UNKNOWN
 * verdict. Owns the S3 client, created on first use; credentials come from the AWS default chain
 * and are never printed.
 */
final class Locations implements AutoCloseable {

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);

  /** A scheme of two or more letters: {@code s3:}, {@code file:}, not a drive letter. */
  private static final Pattern URI_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");

  /** Resolved committed output. */
  record Location(CommittedOutput output) {}

  private final URI s3Endpoint;
  private final String s3Region;
  private final String partPrefix;
  private S3Client s3;

  Locations(URI s3Endpoint, String s3Region, String partPrefix) {
    this.s3Endpoint = s3Endpoint;
    this.s3Region = s3Region;
    this.partPrefix = partPrefix;
  }

  Location resolve(String where) {
    if (where.isBlank()) {
      throw new IllegalArgumentException("empty location: give a directory or s3://bucket/prefix");
    }
    if (!URI_LIKE.matcher(where).lookingAt()) {
      return directory(path(where));
    }
    URI uri;
    try {
      uri = new URI(where);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "not a valid URI '" + where + "': " + e.getReason() + "; expected s3://bucket/prefix");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    return switch (scheme) {
      case "file" -> directory(Path.of(uri));
      case "s3", "s3a" -> s3(uri);
      case "kafka" -> kafka(uri);
      default ->
          throw new IllegalArgumentException(
              "unsupported location '"
                  + where
                  + "': give a directory, file:/path, s3://bucket/prefix or kafka://host:port/topic");
    };
  }

  /** A topic, read committed; it must exist and have partitions, else one actionable line. */
  private static Location kafka(URI uri) {
    KafkaCommittedOutput output = KafkaCommittedOutput.at(uri);
    if (java.util.Arrays.stream(uri.getRawAuthority().split(",")).noneMatch(Locations::accepts)) {
      throw new IllegalArgumentException(
          "nothing accepts connections at "
              + uri.getRawAuthority()
              + ": give the bootstrap servers of a running Kafka");
    }
    try {
      if (output.committedFiles().isEmpty()) {
        throw new IllegalArgumentException(
            "no topic '"
                + uri.getPath().substring(1)
                + "' at "
                + uri.getRawAuthority()
                + " (give the sink's output topic)");
      }
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "cannot reach Kafka at " + uri.getRawAuthority() + ": " + e.getMessage());
    }
    return new Location(output);
  }

  private static boolean accepts(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(
          new java.net.InetSocketAddress(
              hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
          (int) Duration.ofSeconds(2).toMillis());
      return true;
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  private static Path path(String where) {
    try {
      return Path.of(where);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a path: '" + where + "': " + e.getReason());
    }
  }

  private Location directory(Path dir) {
    if (Files.isSymbolicLink(dir) && !Files.exists(dir)) {
      throw new IllegalArgumentException(
          "dangling or looping symlink: " + dir.toAbsolutePath() + " (point it at the output)");
    }
    if (!Files.exists(dir)) {
      throw new IllegalArgumentException(
          "no such directory: " + dir.toAbsolutePath() + " (give the sink's output directory)");
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "not a directory: "
              + dir.toAbsolutePath()
              + " (give the sink's output directory, not a part file)");
    }
    if (!Files.isReadable(dir)) {
      throw new IllegalArgumentException("cannot read directory: " + dir.toAbsolutePath());
    }
    return new Location(new FileCommittedOutput(dir, partPrefix));
  }

  private Location s3(URI uri) {
    String bucket = uri.getHost();
    if (bucket == null || bucket.isEmpty()) {
      throw new IllegalArgumentException(
          "no bucket in '"
              + uri
              + "': expected s3://bucket/prefix (bucket names are lower case, no underscores)");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String prefix = path.startsWith("/") ? path.substring(1) : path;
    S3Client client = client();
    probe(client, bucket, prefix);
    return new Location(new S3CommittedOutput(client, bucket, prefix, partPrefix));
  }

  /** Lists one key, so that a wrong endpoint, bucket or credentials fail here with a clear line. */
  private void probe(S3Client client, String bucket, String prefix) {
    String where = s3Endpoint == null ? "AWS S3" : s3Endpoint.toString();
    try {
      client.listObjectsV2(
          b ->
              b.bucket(bucket)
                  .prefix(prefix)
                  .maxKeys(1)
                  .overrideConfiguration(o -> o.apiCallTimeout(PROBE_TIMEOUT)));
    } catch (NoSuchBucketException e) {
      throw new IllegalArgumentException("no bucket '" + bucket + "' at " + where);
    } catch (S3Exception e) {
      String reason =
          e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
              ? e.awsErrorDetails().errorMessage()
              : CheckCommand.oneLine(e);
      String hint =
          e.statusCode() == 403 || e.statusCode() == 401
              ? " (check the credentials in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE)"
              : e.statusCode() == 301 || e.statusCode() == 400 ? " (check --s3-region)" : "";
      throw new IllegalArgumentException(
          "cannot list s3://"
              + bucket
              + "/"
              + prefix
              + " at "
              + where
              + ": "
              + reason
              + " (HTTP "
              + e.statusCode()
              + ")"
              + hint);
    } catch (SdkClientException e) {
      String message = CheckCommand.oneLine(e);
      if (message.contains("credentials")) {
        throw new IllegalArgumentException(
            "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or"
                + " AWS_PROFILE");
      }
      throw new IllegalArgumentException(
          "cannot reach "
              + where
              + ": "
              + message
              + (s3Endpoint == null ? "" : " (check --s3-endpoint)"));
    }
  }

  private S3Client client() {
    if (s3 == null) {
      s3 = new S3Endpoint(s3Endpoint, region(), null, null).client();
    }
    return s3;
  }

  private String region() {
    if (s3Region != null && !s3Region.isBlank()) {
      return s3Region;
    }
    for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String value = System.getenv(variable);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return S3Endpoint.DEFAULT_REGION;
  }

  @Override
  public void close() {
    if (s3 != null) {
      s3.close();
    }
  }
}
