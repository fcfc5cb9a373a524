package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.Storage;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the FlinkDeployment (session cluster) and FlinkSessionJob the harness applies: the YAML
 * templates in {@code fixtures/k8s} (on the classpath under {@code k8s/}), or the user's own files
 * ({@code -Dharness.k8s.deployment}, {@code -Dharness.k8s.sessionJob}), loaded into fabric8 generic
 * resources and filled in Java. Credentials only ever appear as {@code secretKeyRef}s.
 */
public final class FlinkManifests {

  public static final String DEPLOYMENT_TEMPLATE = "k8s/flink-deployment.yaml";
  public static final String SESSION_JOB_TEMPLATE = "k8s/flink-session-job.yaml";
  public static final String MAIN_CONTAINER = "flink-main-container";

  /** Configuration keys of Kubernetes HA, removed when the scenario asks for no HA. */
  private static final List<String> HA_KEYS =
      List.of("high-availability.type", "high-availability.storageDir", "kubernetes.cluster-id");

  private final K8sSettings settings;
  private final Map<String, String> runLabels;

  public FlinkManifests(K8sSettings settings) {
    this(settings, Map.of());
  }

  /** With {@code runLabels} (the run's id, {@link RunId#labels()}) on every rendered resource. */
  public FlinkManifests(K8sSettings settings, Map<String, String> runLabels) {
    this.settings = settings;
    this.runLabels = Map.copyOf(runLabels);
  }

  /**
   * The session cluster {@code name} of shape {@code spec}, keeping its state on {@code storage}
   * and reaching S3 at {@code inClusterS3} (the MinIO service as pods see it).
   */
  public GenericKubernetesResource sessionCluster(
      String name, ClusterSpec spec, Storage storage, URI inClusterS3, String credentialsSecret) {
    boolean own = settings.deploymentYaml().isPresent();
    GenericKubernetesResource deployment =
        load(settings.deploymentYaml(), DEPLOYMENT_TEMPLATE, "FlinkDeployment");
    managed(deployment, own ? nameOr(deployment, name) : name);
    Map<String, Object> specMap = Tree.map(deployment.getAdditionalProperties(), "spec");
    if (!own) {
      // The user's own file keeps its image, version and resources; the template takes ours.
      specMap.put("image", settings.flinkImage());
      specMap.put("flinkVersion", settings.flinkVersion());
    }
    specMap.remove("job"); // a session cluster: jobs arrive as FlinkSessionJobs
    Map<String, Object> config = Tree.map(specMap, "flinkConfiguration");
    config.put("taskmanager.numberOfTaskSlots", Integer.toString(spec.slotsPerTaskManager()));
    // Native mode starts TaskManagers on demand; this keeps the scenario's count running.
    config.put("slotmanager.number-of-slots.min", Integer.toString(spec.totalSlots()));
    config.put("execution.checkpointing.dir", storage.checkpoints().toString());
    config.put("execution.checkpointing.savepoint-dir", storage.savepoints().toString());
    storage.flinkConfiguration().forEach(config::put);
    config.put("s3.endpoint", inClusterS3.toString());
    config.put("s3.path.style.access", "true");
    if (spec.highAvailability()) {
      config.put("high-availability.type", "kubernetes");
      config.put("high-availability.storageDir", storage.highAvailability().toString());
    } else {
      HA_KEYS.forEach(config::remove);
    }
    Map<String, Object> container = mainContainer(specMap);
    if (!own) {
      setEnv(container, Map.of("name", "ENABLE_BUILT_IN_PLUGINS", "value", settings.s3PluginJar()));
    }
    setEnv(container, secretEnv("AWS_ACCESS_KEY_ID", credentialsSecret, "accessKey"));
    setEnv(container, secretEnv("AWS_SECRET_ACCESS_KEY", credentialsSecret, "secretKey"));
    return deployment;
  }

  /**
   * The FlinkSessionJob {@code name} running {@code job} in session cluster {@code deploymentName}
   * from {@code jarUri}, started from {@code initialSavepointPath} (null: fresh).
   */
  public GenericKubernetesResource sessionJob(
      String name,
      String deploymentName,
      JobSpec job,
      String jarUri,
      String initialSavepointPath,
      UpgradeMode upgradeMode) {
    GenericKubernetesResource sessionJob =
        load(settings.sessionJobYaml(), SESSION_JOB_TEMPLATE, "FlinkSessionJob");
    managed(sessionJob, name);
    Map<String, Object> spec = Tree.map(sessionJob.getAdditionalProperties(), "spec");
    spec.put("deploymentName", deploymentName);
    applyJob(spec, job, jarUri, upgradeMode);
    Map<String, Object> jobMap = Tree.map(spec, "job");
    jobMap.put("state", "running");
    if (initialSavepointPath == null) {
      jobMap.remove("initialSavepointPath");
    } else {
      jobMap.put("initialSavepointPath", initialSavepointPath);
    }
    return sessionJob;
  }

  /** Sets what a JobSpec says on a session job's {@code spec}: used on deploy and on upgrade. */
  static void applyJob(
      Map<String, Object> spec, JobSpec job, String jarUri, UpgradeMode upgradeMode) {
    spec.put("flinkConfiguration", new LinkedHashMap<String, Object>(job.flinkConfiguration()));
    Map<String, Object> jobMap = Tree.map(spec, "job");
    jobMap.put("jarURI", jarUri);
    jobMap.put("entryClass", job.entryClass());
    jobMap.put("args", List.copyOf(job.args()));
    jobMap.put("parallelism", job.parallelism());
    jobMap.put("upgradeMode", upgradeMode.label());
    jobMap.put("allowNonRestoredState", job.allowNonRestoredState());
  }

  private void managed(GenericKubernetesResource resource, String name) {
    resource.getMetadata().setName(name);
    resource.getMetadata().setNamespace(settings.namespace());
    Map<String, String> labels = new LinkedHashMap<>();
    if (resource.getMetadata().getLabels() != null) {
      labels.putAll(resource.getMetadata().getLabels());
    }
    labels.put(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE);
    labels.putAll(runLabels);
    resource.getMetadata().setLabels(labels);
    resource.getMetadata().setResourceVersion(null);
    resource.getMetadata().setUid(null);
    resource.getAdditionalProperties().remove("status");
  }

  private static String nameOr(GenericKubernetesResource resource, String fallback) {
    String name = resource.getMetadata() == null ? null : resource.getMetadata().getName();
    return name == null || name.isBlank() ? fallback : name;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mainContainer(Map<String, Object> spec) {
    Map<String, Object> podTemplate = Tree.map(spec, "podTemplate");
    podTemplate.putIfAbsent("apiVersion", "v1");
    podTemplate.putIfAbsent("kind", "Pod");
    List<Object> containers = Tree.list(Tree.map(podTemplate, "spec"), "containers");
    for (Object c : containers) {
      if (c instanceof Map && MAIN_CONTAINER.equals(((Map<String, Object>) c).get("name"))) {
        return (Map<String, Object>) c;
      }
    }
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", MAIN_CONTAINER);
    containers.add(container);
    return container;
  }

  @SuppressWarnings("unchecked")
  private static void setEnv(Map<String, Object> container, Map<String, Object> entry) {
    List<Object> env = Tree.list(container, "env");
    env.removeIf(
        e -> e instanceof Map && entry.get("name").equals(((Map<String, ?>) e).get("name")));
    env.add(new LinkedHashMap<>(entry));
  }

  private static Map<String, Object> secretEnv(String name, String secret, String key) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("name", secret);
    ref.put("key", key);
    return Map.of("name", name, "valueFrom", Map.of("secretKeyRef", ref));
  }

  /** The user's file if given, else the template from the classpath; checked to be {@code kind}. */
  static GenericKubernetesResource load(Optional<Path> own, String template, String kind) {
    GenericKubernetesResource resource;
    try (InputStream in = open(own, template)) {
      resource = Serialization.unmarshal(in, GenericKubernetesResource.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + own.map(Path::toString).orElse(template), e);
    }
    if (resource == null || !kind.equals(resource.getKind())) {
      throw new IllegalArgumentException(
          own.map(Path::toString).orElse(template)
              + " is not a "
              + kind
              + " (kind: "
              + (resource == null ? "none" : resource.getKind())
              + "): pass a single "
              + kind
              + " document");
    }
    if (resource.getMetadata() == null) {
      resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    }
    return resource;
  }

  private static InputStream open(Optional<Path> own, String template) throws IOException {
    if (own.isPresent()) {
      return Files.newInputStream(own.get());
    }
    InputStream in = FlinkManifests.class.getClassLoader().getResourceAsStream(template);
    if (in == null) {
      throw new IllegalStateException(
          template
              + " is not on the classpath: build the harness with Maven, which copies"
              + " fixtures/k8s into it");
    }
    return in;
  }
}
