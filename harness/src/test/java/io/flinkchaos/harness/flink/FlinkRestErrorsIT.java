package io.flinkchaos.harness.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.job.SequenceJobs;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.local.LocalPlatform;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;

/** What a real Flink 1.20 JobManager answers to bad submissions and unknown jobs. */
class FlinkRestErrorsIT {

  @Test
  void errorsNameTheirRootCauseAndUnknownJobsAre404() {
    HarnessSettings settings = HarnessSettings.fromSystemProperties();
    try (LocalPlatform platform = LocalPlatform.fromSettings(settings)) {
      FlinkRest rest = platform.cluster(new ClusterSpec(1, 1, false)).rest();
      String jarId = rest.uploadJar(settings.fixturesJar());

      FlinkRestException wrongEntry =
          catchThrowableOfType(
              () -> rest.runJar(jarId, submission("com.example.Nope", List.of())),
              FlinkRestException.class);
      System.out.println("wrong entry class: " + wrongEntry.getMessage());
      assertThat(wrongEntry.getMessage())
          .contains("POST /jars/" + jarId + "/run")
          .contains("Caused by: java.lang.ClassNotFoundException: com.example.Nope")
          .doesNotContain("\n");

      FlinkRestException inMain =
          catchThrowableOfType(
              () ->
                  rest.runJar(
                      jarId, submission(SequenceJobs.ENTRY_CLASS, List.of("--keys", "many"))),
              FlinkRestException.class);
      System.out.println("exception in main(): " + inMain.getMessage());
      assertThat(inMain.getMessage())
          .contains("Could not execute application. Caused by: ")
          .doesNotContain("\n");

      JobID unknown = JobID.generate();
      assertThat(new JobCancellation(rest).cancel(unknown))
          .isEqualTo(JobCancellation.Result.UNKNOWN);
      FlinkRestException notFound =
          catchThrowableOfType(() -> rest.failures(unknown), FlinkRestException.class);
      System.out.println("unknown job: " + notFound.getMessage());
      assertThat(notFound.isNotFound()).isTrue();
    }
  }

  private static JobSubmission submission(String entryClass, List<String> args) {
    return new JobSubmission(entryClass, args, 1, null, false, Map.of());
  }
}
