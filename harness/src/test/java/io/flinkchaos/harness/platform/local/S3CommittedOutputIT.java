package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.CommittedFile;
import io.flinkchaos.harness.check.CommittedOutput;
import io.flinkchaos.harness.check.SequenceChecker;
import io.flinkchaos.harness.check.Verdict;
import io.flinkchaos.harness.s3.S3Storage;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 reader against a real S3 API (the embedded s3proxy process), as FileSink leaves it. */
class S3CommittedOutputIT {

  @TempDir Path dir;
  private S3ProxyServer server;
  private S3Storage storage;

  @BeforeEach
  void startS3() {
    server = EmbeddedS3.start(dir);
    storage = new S3Storage(server.endpoint(), "it-bucket", "run-1/cluster-1");
  }

  @AfterEach
  void stopS3() {
    storage.close();
    long pid = server.pid();
    server.close();
    assertThat(ProcessHandle.of(pid)).as("s3proxy after close").isEmpty();
  }

  private void put(S3Client s3, String key, String content) {
    s3.putObject(b -> b.bucket("it-bucket").key(key), RequestBody.fromString(content));
  }

  @Test
  void inProgressUploadsPendingFilesAndMarkersAreNotOutput() throws Exception {
    URI output = storage.newOutputLocation("sequence");
    String prefix = output.getPath().substring(1) + "/";
    S3Client s3 = storage.client();
    put(s3, prefix + "2026-11-25--10/part-a-0-0", "0,0,1,v1\n0,1,2,v1\n1,0,1,v1\n1,1,2,v1\n");
    put(s3, prefix + "2026-11-25--10/.part-a-0-1.inprogress.1234", "0,1,2,v1\n");
    put(s3, prefix + "2026-11-25--10/", "");
    String upload =
        s3.createMultipartUpload(
                b -> b.bucket("it-bucket").key(prefix + "2026-11-25--10/part-a-1-0"))
            .uploadId();
    s3.uploadPart(
        b ->
            b.bucket("it-bucket")
                .key(prefix + "2026-11-25--10/part-a-1-0")
                .uploadId(upload)
                .partNumber(1),
        RequestBody.fromString("1,1,2,v1\n"));

    CommittedOutput committed = storage.committedOutput(output);

    assertThat(committed.committedFiles())
        .extracting(CommittedFile::path)
        .containsExactly("2026-11-25--10/part-a-0-0");
    CheckResult result = SequenceChecker.forKeys(2).check(committed);
    assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
    assertThat(result.records()).isEqualTo(4);
    assertThat(result.location()).startsWith("s3://it-bucket/run-1/cluster-1/output/1-sequence");
  }

  @Test
  void credentialsNeverAppearInDescriptions() {
    String secret = server.endpoint().secretKey();

    assertThat(storage.toString()).doesNotContain(secret);
    assertThat(server.endpoint().toString()).doesNotContain(secret);
    assertThat(storage.flinkConfiguration().values()).doesNotContain(secret);
    assertThat(storage.processEnvironment()).containsEntry("AWS_SECRET_ACCESS_KEY", secret);
  }

  @Test
  void restoresNameTheMetadataFile() {
    assertThat(storage.restorePath("s3://b/p/savepoints/savepoint-1"))
        .isEqualTo("s3://b/p/savepoints/savepoint-1/_metadata");
    assertThat(storage.restorePath("s3://b/p/chk-4/_metadata"))
        .isEqualTo("s3://b/p/chk-4/_metadata");
  }
}
