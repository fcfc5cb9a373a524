package io.flinkchaos.harness.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Which listed objects count as committed output. The listing is what an S3-compatible store shows
 * while FileSink writes: committed parts, in-progress and pending files, directory markers, and the
 * staging objects of a multipart upload that is still open (the real store is exercised by
 * S3CommittedOutputIT).
 */
class S3CommittedOutputTest {

  /** A fake S3Client that only lists fixed keys, one page; every other call is unsupported. */
  private record FakeListingS3(List<String> keys) implements S3Client {
    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
      return ListObjectsV2Response.builder()
          .contents(
              keys.stream()
                  .filter(k -> k.startsWith(request.prefix()))
                  .map(k -> S3Object.builder().key(k).size(k.endsWith("/") ? null : 10L).build())
                  .toList())
          .isTruncated(false)
          .build();
    }

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {}
  }

  @Test
  void onlyCommittedPartFilesCountNotUploadsInProgressPendingFilesOrMarkers() {
    String out = "run-1/cluster-1/output/1-sequence/records/";
    FakeListingS3 s3 =
        new FakeListingS3(
            List.of(
                out + "2026-11-25--10/part-a-0-0",
                out + "2026-11-25--10/part-a-1-0",
                out + "2026-11-25--10/.part-a-0-1.inprogress.5c1e",
                out + "2026-11-25--10/.part-a-1-1.pending",
                out + "2026-11-25--10/",
                out + "2026-11-25--11/.mpus-7f3a-part-a-0-2-stub",
                out + "2026-11-25--11/.mpus-7f3a-part-a-0-2-1",
                out + "_SUCCESS",
                "7f3a", // an open upload's id object at the bucket root, outside the prefix
                "run-1/cluster-1/output/2-other/records/2026-11-25--10/part-z-0-0"));

    S3CommittedOutput output = S3CommittedOutput.at(s3, URI.create("s3://bucket/" + out));

    assertThat(output.committedFiles())
        .extracting(CommittedFile::path)
        .containsExactly("2026-11-25--10/part-a-0-0", "2026-11-25--10/part-a-1-0");
    assertThat(output.location()).isEqualTo("s3://bucket/" + out);
  }

  @Test
  void aLocationThatIsNotS3IsRejectedWithWhatToGive() {
    assertThatThrownBy(() -> S3CommittedOutput.at(new FakeListingS3(List.of()), URI.create("/x")))
        .hasMessage("not an S3 location: '/x', expected s3://bucket/prefix");
  }
}
