package io.flinkchaos.harness.platform.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Job jars served over http by the in-cluster MinIO: each jar is uploaded once (keyed by its
 * content hash) under {@code jars/} of the bucket, which allows anonymous reads of that prefix
 * only. The operator downloads {@code http://minio.<ns>.svc:9000/<bucket>/jars/<hash>-<name>.jar}
 * and uploads it to the JobManager. Since operator 1.15 this needs {@code
 * kubernetes.operator.user.artifacts.allowed-schemes: https;http} and {@code
 * ...disallow-restricted-hosts: false} (see {@link OperatorValues}).
 */
public final class MinioJarDelivery implements JarDelivery, AutoCloseable {

  static final String PREFIX = "jars/";

  private final S3Client s3;
  private final String bucket;
  private final URI inClusterEndpoint;
  private final Map<Path, String> uploaded = new ConcurrentHashMap<>();

  public MinioJarDelivery(S3Client s3, String bucket, URI inClusterEndpoint) {
    this.s3 = s3;
    this.bucket = bucket;
    this.inClusterEndpoint = inClusterEndpoint;
    s3.putBucketPolicy(b -> b.bucket(bucket).policy(anonymousReadPolicy(bucket)));
  }

  /** S3 bucket policy: anyone may GET objects under {@code jars/}, nothing else. */
  static String anonymousReadPolicy(String bucket) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":[\"*\"]},\"Action\":[\"s3:GetObject\"],"
        + "\"Resource\":[\"arn:aws:s3:::"
        + bucket
        + "/"
        + PREFIX
        + "*\"]}]}";
  }

  @Override
  public String jarUri(Path jar) {
    return uploaded.computeIfAbsent(jar.toAbsolutePath().normalize(), this::upload);
  }

  private String upload(Path jar) {
    String key = PREFIX + sha256(jar).substring(0, 16) + "-" + jar.getFileName();
    s3.putObject(
        b -> b.bucket(bucket).key(key).contentType("application/java-archive"),
        RequestBody.fromFile(jar));
    return jarUri(inClusterEndpoint, bucket, key);
  }

  /** Closes the S3 client handed to the constructor. */
  @Override
  public void close() {
    s3.close();
  }

  static String jarUri(URI endpoint, String bucket, String key) {
    return endpoint.toString().replaceAll("/$", "") + "/" + bucket + "/" + key;
  }

  private static String sha256(Path file) {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read job jar " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
