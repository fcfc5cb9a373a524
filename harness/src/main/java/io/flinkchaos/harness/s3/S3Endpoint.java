package io.flinkchaos.harness.s3;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How to reach an S3 API: an endpoint override for S3-compatible stores (s3proxy, MinIO) or none
 * for AWS, and credentials, or none for the AWS default chain (environment, profile, IRSA). The
 * secret never appears in {@link #toString()}.
 */
public record S3Endpoint(URI endpoint, String region, String accessKey, String secretKey) {

  public static final String DEFAULT_REGION = "us-east-1";

  /** An S3-compatible store on an explicit endpoint, with path-style access. */
  public static S3Endpoint compatible(URI endpoint, String accessKey, String secretKey) {
    return new S3Endpoint(endpoint, DEFAULT_REGION, accessKey, secretKey);
  }

  public boolean hasStaticCredentials() {
    return accessKey != null && secretKey != null;
  }

  /** A client with path-style access and checksums only when required (s3proxy, MinIO). */
  public S3Client client() {
    AwsCredentialsProvider credentials =
        hasStaticCredentials()
            ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
            : DefaultCredentialsProvider.builder().build();
    var builder =
        S3Client.builder()
            .region(Region.of(region == null ? DEFAULT_REGION : region))
            .credentialsProvider(credentials)
            .forcePathStyle(endpoint != null)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30)))
            .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60)));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  @Override
  public String toString() {
    return (endpoint == null ? "AWS S3" : endpoint.toString())
        + " (region "
        + region
        + ", "
        + (hasStaticCredentials() ? "access key " + accessKey : "default credential chain")
        + ")";
  }
}
