package io.flinkchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.platform.local.EmbeddedS3;
import io.flinkchaos.harness.platform.local.S3ProxyServer;
import io.flinkchaos.harness.s3.S3Storage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The checker command against a real S3 API (the embedded s3proxy), credentials from the AWS
 * default chain (here its system properties).
 */
class CheckCommandS3IT {

  @TempDir Path dir;
  private S3ProxyServer server;
  private S3Storage storage;

  private record Run(int code, String out, String err) {}

  @BeforeEach
  void startS3() {
    server = EmbeddedS3.start(dir);
    storage = new S3Storage(server.endpoint(), "cli-bucket", "run-1");
    System.setProperty("aws.accessKeyId", server.endpoint().accessKey());
    System.setProperty("aws.secretAccessKey", server.endpoint().secretKey());
  }

  @AfterEach
  void stopS3() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    storage.close();
    server.close();
  }

  private Run check(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CheckCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private void put(String key, String content) {
    S3Client s3 = storage.client();
    s3.putObject(b -> b.bucket("cli-bucket").key(key), RequestBody.fromString(content));
  }

  @Test
  void checksAnS3PrefixAndNeverPrintsTheSecret() {
    put("run-1/out/2026-11-25--10/part-a-0-0", "0,0,1,v1\n0,1,2,v1\n1,0,1,v1\n1,1,2,v1\n");
    put("run-1/out/2026-11-25--10/.part-a-0-1.inprogress.1", "0,1,2,v1\n");
    String endpoint = server.endpoint().endpoint().toString();

    Run valid = check("s3://cli-bucket/run-1/out", "--s3-endpoint", endpoint, "--keys", "2");

    assertThat(valid.code()).as(valid.out() + valid.err()).isZero();
    assertThat(valid.out())
        .contains("output checker: VALID - 4 records, 2 keys, 1 committed files")
        .contains("s3://cli-bucket/run-1/out/");

    put("run-1/out/2026-11-25--10/part-a-1-0", "1,1,2,v1\n");
    Run invalid = check("s3://cli-bucket/run-1/out", "--s3-endpoint", endpoint);

    assertThat(invalid.code()).isEqualTo(1);
    assertThat(invalid.out()).contains("  duplicated key 1 seq 1");
    assertThat(valid.out() + valid.err() + invalid.out() + invalid.err())
        .doesNotContain(server.endpoint().secretKey());
  }

  @Test
  void missingBucketIsOneLine() {
    Run run =
        check("s3://no-such-bucket/out", "--s3-endpoint", server.endpoint().endpoint().toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .contains("no-such-bucket")
        .doesNotContain(server.endpoint().secretKey());
  }
}
