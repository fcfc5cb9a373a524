package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.UserJobs;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlinkRunCommandTest {

  private static final JobSpec ENRICHER =
      UserJobs.specInCluster(
          "local:///opt/flink/usrlib/enricher-1.4.jar",
          "com.example.Enricher",
          "--output {output} --keys 16",
          3,
          Duration.ofSeconds(2),
          URI.create("s3://b/out"));

  @Test
  void aClusterJarRunsDetachedAgainstTheLocalJobManagerWithTheJobsSettings() {
    assertThat(FlinkRunCommand.of(ENRICHER, "s3://b/savepoints/savepoint-1"))
        .containsExactly(
            "/opt/flink/bin/flink",
            "run",
            "--detached",
            "--jobmanager",
            "localhost:8081",
            "--fromSavepoint",
            "s3://b/savepoints/savepoint-1",
            "--class",
            "com.example.Enricher",
            "--parallelism",
            "3",
            "-Dexecution.checkpointing.interval=2000 ms",
            "/opt/flink/usrlib/enricher-1.4.jar",
            "--output",
            "s3://b/out",
            "--keys",
            "16");
  }

  @Test
  void theJobIdIsWhatTheCliReports() {
    String output = "Job has been submitted with JobID 0000000000000000000000000000000a\n";

    assertThat(FlinkRunCommand.jobId(output, "flink run").toHexString())
        .isEqualTo("0000000000000000000000000000000a");
    assertThatThrownBy(
            () ->
                FlinkRunCommand.jobId(
                    "The program finished with the following exception:\nClassNotFoundException",
                    "flink run in ns/jm"))
        .hasMessage(
            "flink run in ns/jm printed no 'Job has been submitted with JobID': The program"
                + " finished with the following exception: | ClassNotFoundException");
  }

  @Test
  void aClusterJarIsAnAbsoluteJarPath() {
    assertThatThrownBy(
            () ->
                UserJobs.specInCluster(
                    "local://usrlib/x.jar",
                    "C",
                    "",
                    1,
                    Duration.ofSeconds(1),
                    URI.create("s3://b/o")))
        .hasMessageContaining("is not local:///<absolute path>.jar");
    assertThat(ENRICHER.clusterJar()).contains("/opt/flink/usrlib/enricher-1.4.jar");
    assertThat(ENRICHER.withParallelism(4).clusterJar())
        .as("an upgrade keeps where the jar is")
        .contains("/opt/flink/usrlib/enricher-1.4.jar");
  }
}
