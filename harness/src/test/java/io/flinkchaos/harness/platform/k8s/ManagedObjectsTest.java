package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cleanup on a cluster without the operator's CRDs (a fresh k3s before the Helm install). */
@EnableKubernetesMockClient
class ManagedObjectsTest {

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void withoutFlinkCrdsCleanupSkipsTheOperatorsResourcesInsteadOfWaiting() throws Exception {
    // Expectations mode: the Flink resources are not served (404, as for an unknown CRD); the
    // label-scoped collection deletes of core objects answer with an empty list.
    String selector =
        "?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dflink-chaos"
            + "%2Cflink-chaos%2Frun-id%3Dr260512-143000-test";
    for (String collection :
        new String[] {
          "/api/v1/namespaces/chaos-test/resourcequotas",
          "/apis/apps/v1/namespaces/chaos-test/deployments",
          "/api/v1/namespaces/chaos-test/services",
          "/api/v1/namespaces/chaos-test/secrets",
          "/api/v1/namespaces/chaos-test/configmaps",
          "/apis/rbac.authorization.k8s.io/v1/namespaces/chaos-test/rolebindings",
          "/apis/rbac.authorization.k8s.io/v1/namespaces/chaos-test/roles",
          "/api/v1/namespaces/chaos-test/serviceaccounts",
          "/apis/scheduling.k8s.io/v1/priorityclasses"
        }) {
      server
          .expect()
          .delete()
          .withPath(collection + selector)
          .andReturn(200, "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[]}")
          .once();
    }
    long started = System.nanoTime();

    ManagedObjects.deleteRun(
        client, K8sTestData.NAMESPACE, K8sTestData.RUN, Duration.ofSeconds(30));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    // one list, eight label-scoped deletes in the namespace, the run's PriorityClasses
    assertThat(server.getRequestCount()).isEqualTo(10);
    assertThat(server.getLastRequest().getPath())
        .isEqualTo("/apis/scheduling.k8s.io/v1/priorityclasses" + selector);
  }
}
