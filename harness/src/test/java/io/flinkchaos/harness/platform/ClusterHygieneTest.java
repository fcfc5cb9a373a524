package io.flinkchaos.harness.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClusterHygieneTest {

  private final ClusterHygiene hygiene = new ClusterHygiene();

  @Test
  void aCleanClusterWithoutJobsIsReused() {
    assertThat(hygiene.reasonToReplace(List::of)).isEmpty();
  }

  @Test
  void aFailedHealOrCancelMakesTheNextScenarioReplaceTheCluster() {
    hygiene.markDirty("healing 'TaskManager 2 taken down' failed: port in use");
    hygiene.markDirty("cancelling job 0123 failed: cancel of job 0123 did not stop it");

    assertThat(hygiene.reasonToReplace(List::of))
        .contains(
            "healing 'TaskManager 2 taken down' failed: port in use; cancelling job 0123 failed:"
                + " cancel of job 0123 did not stop it");
  }

  @Test
  void aJobStillRunningMakesTheClusterDirty() {
    assertThat(hygiene.reasonToReplace(() -> List.of("job 0123 (sequence v1) RUNNING")))
        .contains("jobs still running on it: job 0123 (sequence v1) RUNNING");
  }

  @Test
  void aClusterWhoseJobsCannotBeListedIsNotReused() {
    assertThat(
            hygiene.reasonToReplace(
                () -> {
                  throw new IllegalStateException("GET /jobs/overview failed: Connection refused");
                }))
        .contains("its jobs could not be listed: GET /jobs/overview failed: Connection refused");
  }

  @Test
  void aReplacedClusterStartsClean() {
    hygiene.markDirty("cancelling job 0123 failed");
    hygiene.reasonToReplace(List::of);

    assertThat(hygiene.reasonToReplace(List::of)).isEmpty();
  }

  @Test
  void aClusterMarkedDirtyIsReplacedWithoutAskingItForJobs() {
    AtomicInteger asked = new AtomicInteger();
    hygiene.markDirty("healing failed");

    hygiene.reasonToReplace(
        () -> {
          asked.incrementAndGet();
          return List.of();
        });

    assertThat(asked).hasValue(0);
  }

  @Test
  void clearedMarksAreForgotten() {
    hygiene.markDirty("healing failed");
    hygiene.clear();

    assertThat(hygiene.reasonToReplace(List::of)).isEmpty();
  }
}
