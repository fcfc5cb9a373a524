package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.flinkchaos.harness.report.Evidence;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesEvidenceTest {

  static final String JOB_A = SessionJobsTest.JOB_A;
  static final String SESSION_JOB = SessionJobsTest.SESSION_JOB;

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void evidenceHoldsTheResourcesStatusAndEventsWithoutFailing() {
    KubernetesFlinkCluster cluster = KubernetesFlinkClusterTest.cluster(client);
    cluster.apply(K8sTestData.IN_CLUSTER_S3, InClusterMinio.SECRET);
    FakeOperator operator = new FakeOperator(client, K8sTestData.NAMESPACE);
    CompletableFuture<Void> fake = operator.runningOnceCreated(SESSION_JOB, JOB_A);
    cluster.deploy(K8sTestData.job("v1", 2), null);
    fake.join();
    Evidence evidence = new Evidence();

    cluster.collectEvidence(evidence);
    cluster.close();

    assertThat(evidence.items())
        .extracting(Evidence.Item::name)
        .contains(
            "k8s chaos-test/flink-chaos-1 FlinkDeployment",
            "k8s chaos-test/flink-chaos-1-sequence-1 FlinkSessionJob");
    assertThat(evidence.items())
        .filteredOn(i -> i.name().endsWith("FlinkSessionJob"))
        .singleElement()
        .satisfies(i -> assertThat(i.text()).contains("RUNNING", JOB_A));
    assertThat(evidence.items())
        .filteredOn(i -> i.name().endsWith("FlinkSessionJob status changes"))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.text())
                    .as("the informer saw the operator's status changes in order")
                    .contains("flink-chaos-1-sequence-1: job (no id)")
                    .contains("flink-chaos-1-sequence-1: job " + JOB_A + " RUNNING"));
  }
}
