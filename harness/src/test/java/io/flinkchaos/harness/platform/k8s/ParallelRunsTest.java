package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.flinkchaos.harness.platform.ClusterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two harness runs in one namespace (the mock API server in CRUD mode): each one's cleanup deletes
 * its own objects only; earlier runs are deleted only when asked and only when old enough. The mock
 * sets {@code creationTimestamp} to "now" on create, so age is exercised with cutoffs around the
 * present.
 */
@EnableKubernetesMockClient(crud = true)
class ParallelRunsTest {

  static final RunId RUN_A = new RunId("r260512-143000-aaaa");
  static final RunId RUN_B = new RunId("r260512-143001-bbbb");

  KubernetesMockServer server;
  KubernetesClient client;

  /** What a run leaves in the namespace: its session cluster, session job, MinIO-like objects. */
  private void objectsOf(RunId run) {
    FlinkManifests manifests = new FlinkManifests(K8sTestData.settings(), run.labels());
    String cluster = "fc-" + run + "-1";
    GenericKubernetesResource deployment =
        manifests.sessionCluster(
            cluster,
            ClusterSpec.of(2),
            K8sTestData.fakeS3Storage(),
            K8sTestData.IN_CLUSTER_S3,
            InClusterMinio.SECRET);
    FlinkResources.deployments(client)
        .inNamespace(K8sTestData.NAMESPACE)
        .resource(deployment)
        .create();
    FlinkResources.sessionJobs(client)
        .inNamespace(K8sTestData.NAMESPACE)
        .resource(
            manifests.sessionJob(
                cluster + "-sequence-1",
                cluster,
                K8sTestData.job("v1", 1),
                "https://jars/job.jar",
                null,
                io.flinkchaos.harness.upgrade.UpgradeMode.SAVEPOINT))
        .create();
    create(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(cluster + "-config")
            .withLabels(run.labels())
            .endMetadata()
            .build());
    create(
        new ServiceBuilder()
            .withNewMetadata()
            .withName(cluster + "-minio")
            .withLabels(run.labels())
            .endMetadata()
            .build());
    TaskManagerPriorityClass.ensure(client, cluster, run.labels());
  }

  private void create(HasMetadata object) {
    client.resource(object).inNamespace(K8sTestData.NAMESPACE).create();
  }

  private List<String> names() {
    List<String> names = new java.util.ArrayList<>();
    FlinkResources.deployments(client)
        .inNamespace(K8sTestData.NAMESPACE)
        .list()
        .getItems()
        .forEach(r -> names.add("FlinkDeployment/" + r.getMetadata().getName()));
    FlinkResources.sessionJobs(client)
        .inNamespace(K8sTestData.NAMESPACE)
        .list()
        .getItems()
        .forEach(r -> names.add("FlinkSessionJob/" + r.getMetadata().getName()));
    client
        .configMaps()
        .inNamespace(K8sTestData.NAMESPACE)
        .list()
        .getItems()
        .forEach(r -> names.add("ConfigMap/" + r.getMetadata().getName()));
    client
        .services()
        .inNamespace(K8sTestData.NAMESPACE)
        .list()
        .getItems()
        .forEach(r -> names.add("Service/" + r.getMetadata().getName()));
    client
        .scheduling()
        .v1()
        .priorityClasses()
        .list()
        .getItems()
        .forEach(r -> names.add("PriorityClass/" + r.getMetadata().getName()));
    return names;
  }

  private static List<String> of(RunId run) {
    String c = "fc-" + run + "-1";
    return List.of(
        "FlinkDeployment/" + c,
        "FlinkSessionJob/" + c + "-sequence-1",
        "ConfigMap/" + c + "-config",
        "Service/" + c + "-minio",
        "PriorityClass/" + c + "-taskmanager");
  }

  @Test
  void closingOneRunLeavesTheOtherRunsObjectsAlone() {
    objectsOf(RUN_A);
    objectsOf(RUN_B);
    assertThat(names()).containsExactlyInAnyOrderElementsOf(concat(of(RUN_A), of(RUN_B)));

    ManagedObjects.deleteRun(client, K8sTestData.NAMESPACE, RUN_A, Duration.ofSeconds(5));

    assertThat(names()).containsExactlyInAnyOrderElementsOf(of(RUN_B));

    ManagedObjects.deleteRun(client, K8sTestData.NAMESPACE, RUN_B, Duration.ofSeconds(5));

    assertThat(names()).isEmpty();
  }

  @Test
  void earlierRunsAreDeletedOnlyWhenOlderThanTheAgeAndNeverTheCurrentOne() {
    objectsOf(RUN_A);
    objectsOf(RUN_B);
    create(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("from-before-run-ids")
            .withLabels(Map.of(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE))
            .endMetadata()
            .build());
    create(new ConfigMapBuilder().withNewMetadata().withName("not-ours").endMetadata().build());

    List<String> young =
        ManagedObjects.deleteStaleRuns(
            client,
            K8sTestData.NAMESPACE,
            RUN_B,
            Duration.ofHours(6),
            Instant.now(),
            Duration.ofSeconds(5));
    assertThat(young).as("run A created its objects just now: too young").isEmpty();
    assertThat(names()).hasSize(2 * 5 + 2);

    List<String> old =
        ManagedObjects.deleteStaleRuns(
            client,
            K8sTestData.NAMESPACE,
            RUN_B,
            Duration.ofHours(6),
            Instant.now().plus(Duration.ofHours(7)),
            Duration.ofSeconds(5));

    assertThat(old).containsExactly(RUN_A.value(), "(no run id)");
    assertThat(names())
        .containsExactlyInAnyOrderElementsOf(concat(of(RUN_B), List.of("ConfigMap/not-ours")));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
