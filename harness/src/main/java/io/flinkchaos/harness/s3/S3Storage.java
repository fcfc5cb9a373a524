package io.flinkchaos.harness.s3;

import io.flinkchaos.harness.check.CommittedOutput;
import io.flinkchaos.harness.check.S3CommittedOutput;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.Storage;
import io.flinkchaos.harness.platform.StorageOutages;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Checkpoints, savepoints, HA metadata and job output under one prefix of an S3 bucket: an embedded
 * s3proxy, MinIO, or AWS S3. Flink reaches it with the flink-s3-fs-hadoop plugin (s3a: the one S3
 * file system with FileSink's recoverable writer); the checker reads it through the AWS SDK.
 * Credentials reach the cluster processes as environment variables only.
 */
public final class S3Storage implements Storage, AutoCloseable {

  static final int RETAINED_CHECKPOINTS = 100;

  private final S3Endpoint endpoint;
  private final String bucket;
  private final String prefix;
  private final S3Client client;
  private final AtomicInteger outputs = new AtomicInteger();
  private final URI flinkEndpoint;
  private final Capability<StorageOutages> outages;

  /** Uses the bucket, creating it if missing; everything goes under {@code prefix}. */
  public S3Storage(S3Endpoint endpoint, String bucket, String prefix) {
    this(endpoint, bucket, prefix, null, null);
  }

  /**
   * @param flinkEndpoint where the Flink processes reach the store, if not at {@code endpoint}
   *     (e.g. through a proxy that can refuse); null: at {@code endpoint}
   * @param outages how the harness cuts Flink off this store, or why it cannot; null: it cannot,
   *     the store not being one the harness runs
   */
  public S3Storage(
      S3Endpoint endpoint,
      String bucket,
      String prefix,
      URI flinkEndpoint,
      Capability<StorageOutages> outages) {
    this.flinkEndpoint = flinkEndpoint == null ? endpoint.endpoint() : flinkEndpoint;
    this.outages = outages;
    this.endpoint = endpoint;
    this.bucket = bucket;
    this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    this.client = endpoint.client();
    ensureBucket();
  }

  private void ensureBucket() {
    try {
      client.headBucket(b -> b.bucket(bucket));
    } catch (NoSuchBucketException e) {
      client.createBucket(b -> b.bucket(bucket));
    }
  }

  @Override
  public String kind() {
    return "s3";
  }

  private URI at(String path) {
    return URI.create("s3://" + bucket + "/" + prefix + "/" + path);
  }

  @Override
  public URI checkpoints() {
    return at("checkpoints");
  }

  @Override
  public URI savepoints() {
    return at("savepoints");
  }

  @Override
  public URI highAvailability() {
    return at("ha");
  }

  @Override
  public URI newOutputLocation(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]+", "-");
    return at("output/" + outputs.incrementAndGet() + "-" + safe);
  }

  @Override
  public CommittedOutput committedOutput(URI location) {
    return S3CommittedOutput.at(client, location);
  }

  /**
   * Names the {@code _metadata} file: some S3-compatible stores answer a HEAD on a "directory" key
   * with an empty object, which Flink would read as a truncated savepoint. AWS S3 accepts it too.
   */
  @Override
  public String restorePath(String snapshotPath) {
    String path = snapshotPath.endsWith("/") ? snapshotPath : snapshotPath + "/";
    return snapshotPath.endsWith("/_metadata") ? snapshotPath : path + "_metadata";
  }

  @Override
  public Map<String, String> flinkConfiguration() {
    Map<String, String> config = new LinkedHashMap<>();
    if (flinkEndpoint != null) {
      config.put("s3.endpoint", flinkEndpoint.toString());
      config.put("s3.path.style.access", "true");
    } else {
      config.put("s3.endpoint.region", endpoint.region());
    }
    // s3a's mkdirs otherwise bulk-deletes parent directory markers, which S3-compatible stores
    // on a file system reject: submissions hang and checkpoints never complete.
    config.put("s3.directory.marker.retention", "keep");
    if (outages != null) {
      // A subsumed checkpoint is deleted from the store in the background, and Flink triggers no
      // checkpoint while more than max-concurrent-checkpoints of those deletions are unfinished
      // (CheckpointRequestDecider, 1.20.3): an outage landing on one would hold checkpointing
      // back instead of failing a checkpoint. Retaining a scenario's worth of checkpoints (one a
      // second) leaves none to delete.
      config.put("execution.checkpointing.num-retained", Integer.toString(RETAINED_CHECKPOINTS));
    }
    return config;
  }

  @Override
  public Map<String, String> processEnvironment() {
    if (!endpoint.hasStaticCredentials()) {
      return Map.of();
    }
    return Map.of(
        "AWS_ACCESS_KEY_ID", endpoint.accessKey(), "AWS_SECRET_ACCESS_KEY", endpoint.secretKey());
  }

  @Override
  public Capability<StorageOutages> outages() {
    return outages == null
        ? Capability.missing(
            "needs an object store the harness runs itself; "
                + endpoint
                + " is not: run with -Dharness.storage=s3 and no -Dharness.s3.endpoint")
        : outages;
  }

  public S3Client client() {
    return client;
  }

  /** Deletes everything under this storage's prefix (for buckets that outlive the run). */
  public void deleteAll() {
    ListObjectsV2Request request =
        ListObjectsV2Request.builder().bucket(bucket).prefix(prefix + "/").build();
    List<ObjectIdentifier> batch = new java.util.ArrayList<>();
    for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
      batch.add(ObjectIdentifier.builder().key(object.key()).build());
      if (batch.size() == 1000) {
        delete(batch);
      }
    }
    delete(batch);
  }

  private void delete(List<ObjectIdentifier> batch) {
    if (!batch.isEmpty()) {
      client.deleteObjects(
          DeleteObjectsRequest.builder()
              .bucket(bucket)
              .delete(Delete.builder().objects(List.copyOf(batch)).build())
              .build());
      batch.clear();
    }
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix + " on " + endpoint;
  }
}
