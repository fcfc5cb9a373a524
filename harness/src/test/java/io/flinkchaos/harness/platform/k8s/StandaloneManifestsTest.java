package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.flinkchaos.harness.platform.ClusterSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standalone Flink on Kubernetes: the harness's manifests and a team's own, as rendered. */
class StandaloneManifestsTest {

  static final String CLUSTER = "fc-r260512-143000-test-1";

  /** A team's standalone cluster as Terraform renders it: legacy flink-conf.yaml, jars on EFS. */
  static final String TEAM_YAML =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: payments-flink-conf
      data:
        flink-conf.yaml: |
          jobmanager.rpc.address: payments-jm
          state.backend.type: rocksdb
          execution:
            checkpointing:
              interval: 30 s
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: payments-jm
      spec:
        selector: {app: payments, role: jm}
        ports:
          - {name: rpc, port: 6123}
          - {name: rest, port: 8081}
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: payments-ui
      spec:
        defaultBackend:
          service: {name: payments-jm, port: {number: 8081}}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: payments-jm
      spec:
        replicas: 1
        selector:
          matchLabels: {app: payments, role: jm}
        template:
          metadata:
            labels: {app: payments, role: jm}
          spec:
            serviceAccountName: payments-flink
            containers:
              - name: flink
                image: 123.dkr.ecr.eu-west-1.amazonaws.com/flink:1.20.3-payments
                args: ["jobmanager"]
                volumeMounts:
                  - {name: conf, mountPath: /opt/flink/conf}
                  - {name: jars, mountPath: /opt/flink/usrlib}
            volumes:
              - name: conf
                configMap: {name: payments-flink-conf}
              - name: jars
                persistentVolumeClaim: {claimName: efs-jars}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: payments-tm
      spec:
        replicas: 6
        selector:
          matchLabels: {app: payments, role: tm}
        template:
          metadata:
            labels: {app: payments, role: tm}
          spec:
            containers:
              - name: flink
                image: 123.dkr.ecr.eu-west-1.amazonaws.com/flink:1.20.3-payments
                args: ["taskmanager"]
                volumeMounts:
                  - {name: conf, mountPath: /opt/flink/conf}
            volumes:
              - name: conf
                configMap: {name: payments-flink-conf}
      """;

  @TempDir Path dir;

  private StandaloneManifests manifests(Map<String, String> settings) {
    return new StandaloneManifests(K8sTestData.settings(settings), K8sTestData.RUN.labels());
  }

  private StandaloneManifests team(String yaml) throws Exception {
    Path file = dir.resolve("team-" + System.nanoTime() + ".yaml");
    Files.writeString(file, yaml);
    return manifests(Map.of(K8sSettings.STANDALONE_YAML, file.toString()));
  }

  private static StandaloneManifests.Rendered render(
      StandaloneManifests manifests, String cluster, ClusterSpec spec) {
    return manifests.render(
        cluster,
        spec,
        K8sTestData.fakeS3Storage(),
        K8sTestData.IN_CLUSTER_S3,
        InClusterMinio.SECRET);
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> T one(
      StandaloneManifests.Rendered rendered, Class<T> kind, String name) {
    return (T)
        rendered.objects().stream()
            .filter(kind::isInstance)
            .filter(o -> o.getMetadata().getName().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
  }

  private static Map<String, Object> config(ConfigMap map, String file) {
    return FlinkConfigFile.parse(map.getData().get(file), "test");
  }

  @Test
  void theHarnessManifestsBecomeAClusterOfItsOwnNamesSelectorsShapeAndStorage() {
    StandaloneManifests.Rendered rendered = render(manifests(Map.of()), CLUSTER, ClusterSpec.of(3));

    assertThat(rendered.objects())
        .allSatisfy(
            o -> {
              assertThat(o.getMetadata().getName()).startsWith(CLUSTER + "-");
              assertThat(o.getMetadata().getNamespace()).isEqualTo(K8sTestData.NAMESPACE);
              assertThat(o.getMetadata().getLabels())
                  .containsAllEntriesOf(K8sTestData.RUN.labels())
                  .containsEntry("app.kubernetes.io/managed-by", "flink-chaos");
            });
    Map<String, Object> conf =
        config(one(rendered, ConfigMap.class, CLUSTER + "-flink-config"), "config.yaml");
    assertThat(conf)
        .containsEntry("jobmanager.rpc.address", CLUSTER + "-flink-jobmanager")
        .containsEntry("taskmanager.numberOfTaskSlots", 2)
        .containsEntry("execution.checkpointing.dir", "s3://flink-chaos/run/cluster-1/checkpoints")
        .containsEntry("s3.endpoint", K8sTestData.IN_CLUSTER_S3.toString())
        .doesNotContainKeys("high-availability.type", "kubernetes.cluster-id");
    Deployment taskManagers = one(rendered, Deployment.class, CLUSTER + "-flink-taskmanager");
    assertThat(taskManagers.getSpec().getReplicas()).isEqualTo(3);
    var tmContainer = taskManagers.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(tmContainer.getImage()).isEqualTo(K8sSettings.DEFAULT_FLINK_IMAGE);
    assertThat(tmContainer.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("AWS_ACCESS_KEY_ID");
              assertThat(e.getValueFrom().getSecretKeyRef().getName())
                  .isEqualTo(InClusterMinio.SECRET);
            });
    assertThat(taskManagers.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(CLUSTER + "-flink-standalone");
    assertThat(
            taskManagers
                .getSpec()
                .getTemplate()
                .getSpec()
                .getVolumes()
                .get(0)
                .getConfigMap()
                .getName())
        .isEqualTo(CLUSTER + "-flink-config");
    RoleBinding binding = one(rendered, RoleBinding.class, CLUSTER + "-flink-standalone-ha");
    assertThat(binding.getRoleRef().getName()).isEqualTo(CLUSTER + "-flink-standalone-ha");
    assertThat(binding.getSubjects().get(0).getName()).isEqualTo(CLUSTER + "-flink-standalone");
    assertThat(rendered.layout().restService()).isEqualTo(CLUSTER + "-flink-jobmanager");
    assertThat(rendered.layout().jobManagerContainer()).isEqualTo("jobmanager");
    assertThat(rendered.layout().taskManagerContainer()).isEqualTo("taskmanager");
    assertThat(rendered.layout().taskManagers())
        .containsEntry("component", "taskmanager")
        .containsEntry(StandaloneManifests.CLUSTER_LABEL, CLUSTER);
    Service service = one(rendered, Service.class, CLUSTER + "-flink-jobmanager");
    assertThat(service.getSpec().getSelector())
        .containsEntry(StandaloneManifests.CLUSTER_LABEL, CLUSTER);
  }

  @Test
  void withHaTheJobManagerAdvertisesItsPodIpAndFlinkFindsItsConfigMapsInTheNamespace() {
    StandaloneManifests.Rendered rendered =
        render(manifests(Map.of()), CLUSTER, ClusterSpec.of(2).withHighAvailability(true));

    Map<String, Object> conf =
        config(one(rendered, ConfigMap.class, CLUSTER + "-flink-config"), "config.yaml");
    assertThat(conf)
        .containsEntry("high-availability.type", "kubernetes")
        .containsEntry("kubernetes.cluster-id", CLUSTER)
        .containsEntry("kubernetes.namespace", K8sTestData.NAMESPACE)
        .containsKey("high-availability.storageDir");
    var jm =
        one(rendered, Deployment.class, CLUSTER + "-flink-jobmanager")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    assertThat(jm.getArgs()).containsExactly("jobmanager", "$(POD_IP)");
    assertThat(jm.getEnv())
        .filteredOn(e -> "POD_IP".equals(e.getName()))
        .extracting(e -> e.getValueFrom().getFieldRef().getFieldPath())
        .containsExactly("status.podIP");
  }

  @Test
  void twoClustersNeverSelectEachOthersPods() {
    StandaloneManifests manifests = manifests(Map.of());
    PodLayout one = render(manifests, CLUSTER, ClusterSpec.of(2)).layout();
    PodLayout two = render(manifests, "fc-r260512-143000-test-2", ClusterSpec.of(2)).layout();

    assertThat(one.taskManagers()).isNotEqualTo(two.taskManagers());
    assertThat(one.restService()).isNotEqualTo(two.restService());
  }

  @Test
  void aTeamsManifestsKeepTheirImageVolumesIdentityAndKeysWithOnlyTheDocumentedAdditions()
      throws Exception {
    StandaloneManifests.Rendered rendered = render(team(TEAM_YAML), CLUSTER, ClusterSpec.of(2));

    assertThat(rendered.objects())
        .extracting(HasMetadata::getKind)
        .as("the Ingress is not the harness's to apply")
        .containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment", "Deployment");
    Deployment jm = one(rendered, Deployment.class, CLUSTER + "-payments-jm");
    var pod = jm.getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getImage())
        .isEqualTo("123.dkr.ecr.eu-west-1.amazonaws.com/flink:1.20.3-payments");
    assertThat(pod.getContainers().get(0).getArgs())
        .as("your JobManager's arguments as given")
        .containsExactly("jobmanager");
    assertThat(pod.getServiceAccountName())
        .as("a ServiceAccount not in your file is yours: its name stays")
        .isEqualTo("payments-flink");
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getPersistentVolumeClaim() != null)
        .extracting(v -> v.getPersistentVolumeClaim().getClaimName())
        .containsExactly("efs-jars");
    Map<String, Object> conf =
        config(one(rendered, ConfigMap.class, CLUSTER + "-payments-flink-conf"), "flink-conf.yaml");
    assertThat(conf)
        .containsEntry("state.backend.type", "rocksdb")
        .containsEntry("execution.checkpointing.interval", "30 s")
        .containsEntry("jobmanager.rpc.address", CLUSTER + "-payments-jm")
        .containsKey("execution.checkpointing.dir");
    assertThat(one(rendered, Deployment.class, CLUSTER + "-payments-tm").getSpec().getReplicas())
        .as("the scenario's TaskManagers")
        .isEqualTo(2);
    assertThat(rendered.layout().jobManagers())
        .containsEntry("role", "jm")
        .containsEntry(StandaloneManifests.CLUSTER_LABEL, CLUSTER);
    assertThat(rendered.layout().restService()).isEqualTo(CLUSTER + "-payments-jm");
    assertThat(rendered.layout().jobManagerContainer()).isEqualTo("flink");
  }

  @Test
  void aConflictingSlotCountIsAOneLineError() throws Exception {
    StandaloneManifests manifests =
        team(TEAM_YAML.replace("state.backend.type: rocksdb", "taskmanager.numberOfTaskSlots: 4"));

    assertThatThrownBy(() -> render(manifests, CLUSTER, ClusterSpec.of(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("taskmanager.numberOfTaskSlots=4 but the scenario asks for 2")
        .hasMessageNotContaining("\n");
  }

  @Test
  void manifestsWithoutATaskManagerDeploymentAreRefusedAtStartInOneLine() throws Exception {
    String noTaskManagers = TEAM_YAML.substring(0, TEAM_YAML.lastIndexOf("---"));

    assertThatThrownBy(() -> team(noTaskManagers))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs exactly one Deployment whose container runs 'taskmanager'")
        .hasMessageNotContaining("\n");
  }

  @Test
  void yourOwnAwsKeysAreRefusedWithTheInClusterMinio() throws Exception {
    StandaloneManifests manifests =
        team(
            TEAM_YAML.replace(
                "args: [\"taskmanager\"]",
                "args: [\"taskmanager\"]\n          env: [{name: AWS_ACCESS_KEY_ID, value: AKIA}]"));

    assertThatThrownBy(() -> render(manifests, CLUSTER, ClusterSpec.of(2)))
        .hasMessageContaining("sets [AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY]")
        .hasMessageContaining("-Dharness.s3.endpoint=aws");
  }

  @Test
  void withYourOwnS3NothingOfMinIOIsAdded() throws Exception {
    StandaloneManifests.Rendered rendered =
        render(
            manifests(Map.of("harness.s3.endpoint", "aws", "harness.s3.bucket", "payments-chaos")),
            CLUSTER,
            ClusterSpec.of(2));

    assertThat(rendered.objects())
        .filteredOn(Deployment.class::isInstance)
        .allSatisfy(
            d ->
                assertThat(
                        ((Deployment) d)
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getEnv())
                    .noneMatch(e -> e.getName().startsWith("AWS_")));
    assertThat(config(one(rendered, ConfigMap.class, CLUSTER + "-flink-config"), "config.yaml"))
        .doesNotContainKey("s3.endpoint");
  }

  @Test
  void theConfigFileRoundTripsFlatKeysListsAndQuotedValues() {
    Map<String, Object> parsed =
        FlinkConfigFile.parse(
            "a:\n  b: 1\nenv.java.opts.all: '-Dx=y'\nlist: [x, y]\nplain: s3://b/p\n", "test");
    String written = FlinkConfigFile.write(parsed, "config.yaml");

    assertThat(FlinkConfigFile.parse(written, "test"))
        .containsEntry("a.b", 1)
        .containsEntry("env.java.opts.all", "-Dx=y")
        .containsEntry("list", "x;y")
        .containsEntry("plain", "s3://b/p");
    assertThat(List.of(written.split("\n"))).contains("a.b: 1");
  }
}
