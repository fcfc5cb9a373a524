package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone Flink session cluster on Kubernetes, no operator: the team's own manifests ({@code
 * -Dharness.k8s.standalone}, several YAML documents) or the harness's ({@code
 * fixtures/k8s/standalone/flink-standalone.yaml}), applied as given apart from what the harness
 * must add:
 *
 * <ul>
 *   <li>names: every object is prefixed with the cluster's name ({@code fc-<run>-<n>-}), and the
 *       references between them follow (the ConfigMap a pod mounts, the ServiceAccount it runs as,
 *       a RoleBinding's Role and subjects, {@code jobmanager.rpc.address}); pods, Deployments and
 *       Services get the label {@code flink-chaos/cluster=<name>} in their selectors, so two
 *       clusters never select each other's pods;
 *   <li>labels: {@code app.kubernetes.io/managed-by=flink-chaos} and the run's;
 *   <li>configuration ({@code config.yaml} or {@code flink-conf.yaml} of the ConfigMap the
 *       JobManager mounts): only keys you did not set ({@link FlinkConfigurationMerge}): slots,
 *       checkpoint and savepoint directories, the storage's keys, Kubernetes HA with {@code
 *       kubernetes.cluster-id} = the cluster's name when the scenario wants HA; a value that
 *       defeats the scenario is a one-line error;
 *   <li>the TaskManager Deployment's {@code replicas} (the scenario's TaskManagers) and its pods'
 *       PriorityClass (for "TaskManager down");
 *   <li>with the in-cluster MinIO, its keys as {@code secretKeyRef} env and the S3 plugin.
 * </ul>
 *
 * The JobManager Deployment is the one whose container runs {@code jobmanager} (the official
 * image's entrypoint argument), the TaskManager Deployment the one running {@code taskmanager}.
 */
public final class StandaloneManifests {

  private static final Logger LOG = LoggerFactory.getLogger(StandaloneManifests.class);
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  public static final String TEMPLATE = "k8s/standalone/flink-standalone.yaml";
  public static final String CLUSTER_LABEL = "flink-chaos/cluster";
  static final String RPC_ADDRESS = "jobmanager.rpc.address";
  static final String KUBERNETES_NAMESPACE = "kubernetes.namespace";

  private final K8sSettings settings;
  private final Map<String, String> runLabels;
  private final List<HasMetadata> parsed;

  /** Reads the manifests once: bad input fails here, in one line; each render takes a copy. */
  public StandaloneManifests(K8sSettings settings, Map<String, String> runLabels) {
    this.settings = settings;
    this.runLabels = Map.copyOf(runLabels);
    this.parsed = read();
  }

  /**
   * What was rendered: every object, how the cluster's pods are found, and its JobManager and
   * TaskManager Deployments (two of the objects).
   */
  public record Rendered(
      List<HasMetadata> objects, PodLayout layout, Deployment jobManager, Deployment taskManager) {

    /** Names the PriorityClass of the TaskManager pods, for the down-quota. */
    void taskManagerPriorityClass(String priorityClass) {
      taskManager.getSpec().getTemplate().getSpec().setPriorityClassName(priorityClass);
    }
  }

  /** The cluster {@code name} of shape {@code spec}, keeping its state on {@code storage}. */
  public Rendered render(
      String name, ClusterSpec spec, Storage storage, URI inClusterS3, String credentialsSecret) {
    List<HasMetadata> objects = parsed.stream().map(YAML::clone).toList();
    String source = source();
    StandaloneRoles roles = StandaloneRoles.of(objects, source);
    Deployment jobManager = roles.jobManager();
    Deployment taskManager = roles.taskManager();
    Set<String> services = namesOf(objects, Service.class);
    Set<String> configMaps = namesOf(objects, ConfigMap.class);
    Set<String> accounts = namesOf(objects, ServiceAccount.class);

    configure(roles, name, spec, storage, inClusterS3, services, source);
    for (HasMetadata object : objects) {
      labelled(object, name);
      if (object instanceof Deployment deployment) {
        selectingCluster(deployment, name);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        renameReferences(pod, name, configMaps, accounts);
        pod.getContainers().forEach(c -> credentials(c, credentialsSecret, source));
      } else if (object instanceof Service service) {
        service.getSpec().getSelector().put(CLUSTER_LABEL, name);
      } else if (object instanceof RoleBinding binding) {
        binding.getRoleRef().setName(prefixed(name, binding.getRoleRef().getName()));
        binding.getSubjects().stream()
            .filter(s -> "ServiceAccount".equals(s.getKind()))
            .forEach(s -> s.setName(prefixed(name, s.getName())));
      }
      object.getMetadata().setName(prefixed(name, object.getMetadata().getName()));
      object.getMetadata().setNamespace(settings.namespace());
      object.getMetadata().setResourceVersion(null);
      object.getMetadata().setUid(null);
    }
    if (!Integer.valueOf(spec.taskManagers()).equals(taskManager.getSpec().getReplicas())) {
      LOG.info(
          "{}: TaskManager Deployment replicas {} -> {} (the scenario's TaskManagers)",
          source,
          taskManager.getSpec().getReplicas(),
          spec.taskManagers());
    }
    taskManager.getSpec().setReplicas(spec.taskManagers());
    if (settings.standaloneYaml().isEmpty()) {
      for (Deployment d : List.of(jobManager, taskManager)) {
        d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(settings.flinkImage());
      }
      if (spec.highAvailability()) {
        advertisePodIp(jobManager);
      }
    }
    PodLayout layout =
        new PodLayout(
            jobManager.getSpec().getTemplate().getMetadata().getLabels(),
            taskManager.getSpec().getTemplate().getMetadata().getLabels(),
            roles.rest().getMetadata().getName(),
            jobManager.getSpec().getTemplate().getSpec().getContainers().get(0).getName(),
            taskManager.getSpec().getTemplate().getSpec().getContainers().get(0).getName());
    return new Rendered(objects, layout, jobManager, taskManager);
  }

  /**
   * The docs' HA JobManager ({@code jobmanager-session-deployment-ha.yaml}): {@code jobmanager
   * $(POD_IP)} with {@code POD_IP} from the pod's status, so the leader address it publishes in the
   * HA ConfigMap is the pod's own.
   */
  private static void advertisePodIp(Deployment jobManager) {
    Container main = jobManager.getSpec().getTemplate().getSpec().getContainers().get(0);
    main.setArgs(List.of("jobmanager", "$(POD_IP)"));
    List<EnvVar> env = main.getEnv() == null ? new ArrayList<>() : main.getEnv();
    env.removeIf(e -> "POD_IP".equals(e.getName()));
    env.add(
        new EnvVarBuilder()
            .withName("POD_IP")
            .withNewValueFrom()
            .withNewFieldRef()
            .withApiVersion("v1")
            .withFieldPath("status.podIP")
            .endFieldRef()
            .endValueFrom()
            .build());
    main.setEnv(env);
  }

  private List<HasMetadata> read() {
    List<HasMetadata> objects;
    Optional<Path> own = settings.standaloneYaml();
    try (InputStream in =
        own.isPresent()
            ? Files.newInputStream(own.get())
            : StandaloneManifests.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException(
            TEMPLATE + " is not on the classpath: build the harness with Maven");
      }
      objects = documents(YAML.unmarshal(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source(), e);
    } catch (IllegalStateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          source() + " is not Kubernetes YAML: " + e.getMessage().lines().findFirst().orElse(""),
          e);
    }
    List<HasMetadata> kept = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (o instanceof ConfigMap
          || o instanceof Deployment
          || o instanceof Service
          || o instanceof ServiceAccount
          || o instanceof io.fabric8.kubernetes.api.model.rbac.Role
          || o instanceof RoleBinding) {
        kept.add(o);
      } else {
        LOG.info(
            "{}: ignoring {} {}: the harness applies ConfigMaps, Deployments, Services,"
                + " ServiceAccounts, Roles and RoleBindings",
            source(),
            o.getKind(),
            o.getMetadata().getName());
      }
    }
    StandaloneRoles.deploymentRunning(kept, "jobmanager", source());
    StandaloneRoles.deploymentRunning(kept, "taskmanager", source());
    return List.copyOf(kept);
  }

  private static List<HasMetadata> documents(Object parsed) {
    List<HasMetadata> objects = new ArrayList<>();
    if (parsed instanceof List<?> list) {
      list.forEach(item -> objects.addAll(documents(item)));
    } else if (parsed instanceof io.fabric8.kubernetes.api.model.KubernetesList list) {
      objects.addAll(list.getItems());
    } else if (parsed instanceof HasMetadata object) {
      objects.add(object);
    }
    return objects;
  }

  private String source() {
    return settings.standaloneYaml().map(Path::toString).orElse(TEMPLATE);
  }

  private void configure(
      StandaloneRoles roles,
      String name,
      ClusterSpec spec,
      Storage storage,
      URI inClusterS3,
      Set<String> services,
      String source) {
    ConfigMap config = roles.config();
    String file = roles.configFile();
    Map<String, Object> values = FlinkConfigFile.parse(config.getData().get(file), source);
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put(FlinkConfigurationMerge.SLOTS, Integer.toString(spec.slotsPerTaskManager()));
    wanted.put(FlinkConfigurationMerge.CHECKPOINT_DIR, storage.checkpoints().toString());
    wanted.put(FlinkConfigurationMerge.SAVEPOINT_DIR, storage.savepoints().toString());
    wanted.putAll(storage.flinkConfiguration());
    if (settings.awsStorage()) {
      wanted.remove(FlinkConfigurationMerge.S3_ENDPOINT);
      wanted.remove(FlinkConfigurationMerge.S3_PATH_STYLE);
    } else {
      wanted.put(FlinkConfigurationMerge.S3_ENDPOINT, inClusterS3.toString());
      wanted.put(FlinkConfigurationMerge.S3_PATH_STYLE, "true");
    }
    if (spec.highAvailability()) {
      wanted.put(FlinkConfigurationMerge.HA_TYPE, "kubernetes");
      wanted.put(FlinkConfigurationMerge.HA_STORAGE, storage.highAvailability().toString());
      wanted.put(FlinkConfigurationMerge.CLUSTER_ID, name);
      // Flink's Kubernetes client looks for its HA ConfigMaps in kubernetes.namespace, which
      // defaults to "default", not the pod's namespace (FlinkKubeClientFactory)
      wanted.put(KUBERNETES_NAMESPACE, settings.namespace());
    }
    if (settings.standaloneYaml().isEmpty() && !spec.highAvailability()) {
      FlinkConfigurationMerge.HA_KEYS.forEach(values::remove);
      values.remove(KUBERNETES_NAMESPACE);
    }
    FlinkConfigurationMerge.clusterConflict(values, wanted, spec.highAvailability())
        .ifPresent(
            conflict -> {
              throw new IllegalArgumentException(source + ": " + conflict);
            });
    FlinkConfigurationMerge.merge(values, wanted, "standalone cluster " + name + " (" + file + ")");
    Object rpc = values.get(RPC_ADDRESS);
    if (rpc != null && services.contains(rpc.toString())) {
      values.put(RPC_ADDRESS, prefixed(name, rpc.toString()));
    }
    config.getData().put(file, FlinkConfigFile.write(values, file));
  }

  private void labelled(HasMetadata object, String name) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (object.getMetadata().getLabels() != null) {
      labels.putAll(object.getMetadata().getLabels());
    }
    labels.put(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE);
    labels.putAll(runLabels);
    labels.put(CLUSTER_LABEL, name);
    object.getMetadata().setLabels(labels);
  }

  private static void selectingCluster(Deployment deployment, String name) {
    deployment.getSpec().getSelector().getMatchLabels().put(CLUSTER_LABEL, name);
    deployment.getSpec().getTemplate().getMetadata().getLabels().put(CLUSTER_LABEL, name);
  }

  /** The pod's references to objects of the same file follow their new names. */
  private static void renameReferences(
      PodSpec pod, String name, Set<String> configMaps, Set<String> accounts) {
    pod.getVolumes().stream()
        .filter(v -> v.getConfigMap() != null && configMaps.contains(v.getConfigMap().getName()))
        .forEach(v -> v.getConfigMap().setName(prefixed(name, v.getConfigMap().getName())));
    if (pod.getServiceAccountName() != null && accounts.contains(pod.getServiceAccountName())) {
      pod.setServiceAccountName(prefixed(name, pod.getServiceAccountName()));
    }
  }

  private static Set<String> namesOf(List<HasMetadata> objects, Class<?> kind) {
    return objects.stream()
        .filter(kind::isInstance)
        .map(o -> o.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  /**
   * With the in-cluster MinIO: its keys as {@code secretKeyRef} env and the S3 plugin enabled where
   * not set; a container that sets the keys itself is a one-line error, as for a FlinkDeployment.
   */
  private void credentials(Container container, String secret, String source) {
    List<EnvVar> env = container.getEnv() == null ? new ArrayList<>() : container.getEnv();
    container.setEnv(env);
    if (env.stream().noneMatch(e -> "ENABLE_BUILT_IN_PLUGINS".equals(e.getName()))) {
      env.add(new EnvVar("ENABLE_BUILT_IN_PLUGINS", settings.s3PluginJar(), null));
    }
    if (settings.awsStorage()) {
      return;
    }
    if (env.stream().anyMatch(e -> MinioCredentials.ENV.contains(e.getName()))) {
      throw MinioCredentials.yourOwn(source + ": container " + container.getName());
    }
    env.add(secretEnv("AWS_ACCESS_KEY_ID", secret, "accessKey"));
    env.add(secretEnv("AWS_SECRET_ACCESS_KEY", secret, "secretKey"));
  }

  private static EnvVar secretEnv(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  /** {@code <cluster>-<name>}, cut to Kubernetes' 63 characters. */
  static String prefixed(String cluster, String name) {
    String full = name.startsWith(cluster + "-") ? name : cluster + "-" + name;
    return full.length() <= 63 ? full : full.substring(0, 63).replaceAll("-+$", "");
  }
}
