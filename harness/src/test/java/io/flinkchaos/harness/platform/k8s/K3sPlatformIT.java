package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flinkchaos.harness.config.HarnessSettings;
import io.flinkchaos.harness.flink.JobObservation;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.JobVariant;
import io.flinkchaos.harness.job.SequenceJobs;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.wait.Waits;
import java.time.Duration;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The k3s platform end to end: k3s in Docker, the operator from its Helm chart, MinIO, a session
 * cluster, a FlinkSessionJob, a TaskManager pod kill. Runs on CI runners with Docker and {@code
 * -Dharness.platform=k3s} (the nightly workflow); skips with one line elsewhere.
 */
class K3sPlatformIT {

  @BeforeAll
  static void needsDockerAndTheK3sPlatform() {
    assumeTrue(
        DockerClientFactory.instance().isDockerAvailable(),
        "Docker is not available: K3sPlatformIT runs only where Docker can start k3s (CI)");
    assumeTrue(
        "k3s".equals(HarnessSettings.fromSystemProperties().platform()),
        "K3sPlatformIT runs with -Dharness.platform=k3s (nightly workflow)");
  }

  @Test
  void deploysAJobAndSurvivesATaskManagerPodKill() {
    HarnessSettings settings = HarnessSettings.fromSystemProperties();
    try (K3sPlatform platform = K3sPlatform.fromSettings(settings)) {
      KubernetesCluster cluster = platform.cluster(ClusterSpec.of(2));
      assertThat(cluster.registeredTaskManagers()).isEqualTo(2);

      JobSpec spec =
          SequenceJobs.spec(
              JobVariant.SEQUENCE,
              settings.fixturesJar(),
              cluster.storage().newOutputLocation("k3s-it"),
              2,
              Duration.ofSeconds(2),
              200);
      DeployedJob job = cluster.deploy(spec, null);
      assertThat(cluster.rest().job(job.jobId()).status()).isEqualTo(JobStatus.RUNNING);

      cluster.processes().killTaskManager(1);
      cluster.awaitReady();
      Waits.until(
          "job " + job.jobId() + " RUNNING again after the TaskManager pod kill",
          Duration.ofMinutes(3),
          () -> cluster.rest().job(job.jobId()),
          JobObservation::isFullyRunning);
      cluster.cancel(job);
    }
  }
}
