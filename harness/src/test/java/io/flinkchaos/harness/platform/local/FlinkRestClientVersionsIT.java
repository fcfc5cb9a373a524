package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.flink.CheckpointActivity;
import io.flinkchaos.harness.flink.CheckpointObservation;
import io.flinkchaos.harness.flink.FlinkRest;
import io.flinkchaos.harness.flink.JobObservation;
import io.flinkchaos.harness.flink.JobSubmission;
import io.flinkchaos.harness.job.SequenceJobs;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call the harness makes through {@link FlinkRest}, against a real cluster of the version
 * this build runs ({@code -Dflink.version}): the harness is compiled against Flink 1.20 and must
 * read every supported version's answers. The nightly version matrix runs it once per version.
 */
class FlinkRestClientVersionsIT {

  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path workDir;

  @Test
  void everyCallTheHarnessMakesWorksAgainstThisBuildsFlinkVersion() throws IOException {
    HarnessSettings settings = HarnessSettings.fromSystemProperties();
    FlinkDistribution distribution =
        FlinkDistribution.from(settings.flinkClasspathFile(), settings.launcherJar(), null);
    try (LocalFlinkCluster cluster =
        LocalFlinkCluster.start(
            new ClusterSpec(1, 2, false),
            distribution,
            workDir,
            new LocalStorage(workDir.resolve("storage")),
            Files.createDirectories(workDir.resolve("plugins")))) {
      FlinkRest rest = cluster.rest();
      assertThat(rest.overview().getVersion()).isEqualTo(System.getProperty("flink.version"));
      assertThat(rest.clusterConfiguration().toMap()).containsKey("heartbeat.timeout");

      String jar = rest.uploadJar(settings.fixturesJar());
      JobID first = rest.runJar(jar, submission(null));
      awaitCheckpoints(rest, first, 2);

      JobObservation job = rest.job(first);
      assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
      assertThat(job.vertices()).isNotEmpty();
      assertThat(rest.jobs()).anyMatch(details -> details.getJobId().equals(first));
      assertThat(rest.taskManagersRunning(first)).hasSize(1);
      String source = job.vertices().keySet().iterator().next();
      assertThat(rest.currentAttempts(first, source))
          .hasSize(2)
          .allSatisfy((subtask, attempt) -> assertThat(attempt.taskManagerId()).isNotBlank());
      CheckpointActivity activity = rest.checkpointActivity(first);
      assertThat(activity.checkpoints().lastCompleted()).isPresent();
      assertThat(rest.recentCheckpointTriggerTimes(first)).isNotEmpty();
      assertThat(rest.failures(first).entries()).isEmpty();

      String savepoint =
          rest.stopWithSavepoint(
              first, workDir.resolve("savepoints").toUri().toString(), BOUND, () -> {});
      assertThat(savepoint).contains("savepoint-");
      JobID second = rest.runJar(jar, submission(savepoint));
      CheckpointObservation restored = awaitCheckpoints(rest, second, 1);
      assertThat(restored.lastRestored())
          .hasValueSatisfying(r -> assertThat(r.savepoint()).isTrue());

      rest.cancel(second);
      Waits.until(
          "job " + second + " CANCELED",
          BOUND,
          () -> rest.job(second).status(),
          status -> status == JobStatus.CANCELED);
    }
  }

  private JobSubmission submission(String savepoint) {
    return new JobSubmission(
        SequenceJobs.ENTRY_CLASS,
        List.of(
            "--output",
            workDir.resolve("output").toUri().toString(),
            "--keys",
            "4",
            "--rate",
            "100"),
        2,
        savepoint,
        false,
        Map.of("execution.checkpointing.interval", "500 ms"));
  }

  private static CheckpointObservation awaitCheckpoints(FlinkRest rest, JobID jobId, int count) {
    return Waits.until(
        count + " completed checkpoint(s) of job " + jobId,
        BOUND,
        () -> rest.checkpoints(jobId),
        observed -> observed.completed() >= count);
  }
}
