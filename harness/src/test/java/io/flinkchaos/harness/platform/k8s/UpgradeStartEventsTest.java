package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class UpgradeStartEventsTest {

  static final String SESSION_JOB = "flink-chaos-1-sequence-1";

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void onlyASpecChangedOrSuspendedEventOfThisSessionJobSinceTheMarkCounts() {
    FakeOperator operator = new FakeOperator(client, K8sTestData.NAMESPACE);
    UpgradeStartEvents events = new UpgradeStartEvents(client, K8sTestData.NAMESPACE);
    // an earlier upgrade's Suspended Event, and noise: a Warning, another job's Event, a Submit
    operator.event(SESSION_JOB, "Suspended", "JobManagerDeployment", "Suspending", null);
    operator.warning(SESSION_JOB, "Job.1", "Error", "Savepoint Error", 1);
    operator.event("other-job", "SpecChanged", "JobManagerDeployment", "UPGRADE", "SpecChange: 2");
    UpgradeStartEvents.Mark mark = events.mark(SESSION_JOB);
    operator.event(SESSION_JOB, "Submit", "Job", "Starting deployment", null);

    assertThat(events.since(mark)).as("nothing of this spec change yet").isEmpty();

    operator.event(SESSION_JOB, "Suspended", "JobManagerDeployment", "Suspending", null);
    assertThat(events.since(mark))
        .as("the same Event counted up")
        .contains("Suspended: Suspending");
  }

  @Test
  void aSpecChangedEventOfANewGenerationIsANewEvent() {
    FakeOperator operator = new FakeOperator(client, K8sTestData.NAMESPACE);
    UpgradeStartEvents events = new UpgradeStartEvents(client, K8sTestData.NAMESPACE);
    operator.event(SESSION_JOB, "SpecChanged", "JobManagerDeployment", "UPGRADE", "SpecChange: 2");
    UpgradeStartEvents.Mark mark = events.mark(SESSION_JOB);

    operator.event(SESSION_JOB, "SpecChanged", "JobManagerDeployment", "UPGRADE", "SpecChange: 2");
    assertThat(events.since(mark)).as("SpecChanged is emitted once per generation").isEmpty();

    operator.event(SESSION_JOB, "SpecChanged", "JobManagerDeployment", "UPGRADE", "SpecChange: 3");
    assertThat(events.since(mark)).contains("SpecChanged: UPGRADE");
  }
}
