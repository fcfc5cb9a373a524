package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.UserJobs;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.Storage;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the FlinkDeployment (session cluster) and FlinkSessionJob the harness applies: the YAML
 * templates in {@code fixtures/k8s} (on the classpath under {@code k8s/}), filled in Java, or the
 * user's own resources as given ({@link UserResources}), to which the harness only adds what it
 * needs ({@link FlinkConfigurationMerge}): it keeps their image, job, {@code jarURI}, identity,
 * volumes and pod template, and never overrides a configuration key they set. Credentials only ever
 * appear as {@code secretKeyRef}s.
 */
public final class FlinkManifests {

  private static final Logger LOG = LoggerFactory.getLogger(FlinkManifests.class);

  public static final String DEPLOYMENT_TEMPLATE = "k8s/flink-deployment.yaml";
  public static final String SESSION_JOB_TEMPLATE = "k8s/flink-session-job.yaml";
  public static final String MAIN_CONTAINER = MainContainer.NAME;

  private final K8sSettings settings;
  private final UserResources user;
  private final Map<String, String> runLabels;

  public FlinkManifests(K8sSettings settings) {
    this(settings, Map.of());
  }

  /** With {@code runLabels} (the run's id, {@link RunId#labels()}) on every rendered resource. */
  public FlinkManifests(K8sSettings settings, Map<String, String> runLabels) {
    this.settings = settings;
    this.user =
        UserResources.read(settings.deploymentYaml(), settings.sessionJobYaml(), settings.mode());
    this.runLabels = Map.copyOf(runLabels);
  }

  /**
   * The session cluster {@code name} of shape {@code spec}, keeping its state on {@code storage}
   * and reaching S3 at {@code inClusterS3} (the MinIO service as pods see it; unused with your own
   * S3, {@code -Dharness.s3.endpoint=aws}).
   */
  public GenericKubernetesResource sessionCluster(
      String name, ClusterSpec spec, Storage storage, URI inClusterS3, String credentialsSecret) {
    Optional<GenericKubernetesResource> own = user.deployment();
    GenericKubernetesResource deployment =
        own.orElseGet(() -> template(DEPLOYMENT_TEMPLATE, "FlinkDeployment"));
    // The harness names it: a fresh FlinkDeployment per cluster shape (the previous one may still
    // be
    // terminating), and its session jobs, pods and REST service are found by that name.
    renamed(deployment, name);
    managed(deployment, name);
    Map<String, Object> specMap = Tree.map(deployment.getAdditionalProperties(), "spec");
    Map<String, Object> config = Tree.map(specMap, "flinkConfiguration");
    Map<String, String> wanted = clusterConfiguration(spec, storage, inClusterS3);
    if (own.isPresent()) {
      String what =
          "FlinkDeployment " + settings.namespace() + "/" + deployment.getMetadata().getName();
      FlinkConfigurationMerge.clusterConflict(config, wanted, spec.highAvailability())
          .ifPresent(
              conflict -> {
                throw new IllegalArgumentException(
                    settings.deploymentYaml().orElseThrow() + ": " + conflict);
              });
      FlinkConfigurationMerge.merge(config, wanted, what);
      if (!settings.awsStorage()) {
        addCredentialEnv(MainContainer.of(specMap), credentialsSecret, what);
      }
      integration(specMap, spec, what);
      return deployment;
    }
    specMap.put("image", settings.flinkImage());
    specMap.put("flinkVersion", settings.flinkVersion());
    if (settings.awsStorage()) {
      // the template's MinIO endpoint and keys go: the pods use their own identity
      List.of(FlinkConfigurationMerge.S3_ENDPOINT, FlinkConfigurationMerge.S3_PATH_STYLE)
          .forEach(config::remove);
    }
    config.putAll(wanted);
    if (!spec.highAvailability()) {
      FlinkConfigurationMerge.HA_KEYS.forEach(config::remove);
    }
    MainContainer container = MainContainer.of(specMap);
    container.setEnv("ENABLE_BUILT_IN_PLUGINS", settings.s3PluginJar());
    if (settings.awsStorage()) {
      container.removeEnv(MinioCredentials.ENV);
    } else {
      container.minioKeys(credentialsSecret);
    }
    integration(specMap, spec, "FlinkDeployment " + name);
    return deployment;
  }

  /**
   * The application cluster {@code name} running {@code job} (the FlinkDeployment's {@code
   * spec.job}): the session cluster's rendering plus the job. With your own FlinkDeployment that
   * has a {@code spec.job}, its {@code jarURI} and {@code entryClass} stay as given. The job's
   * configuration goes into the deployment's {@code flinkConfiguration} (an application cluster has
   * no other), merged: a key you set is never overridden.
   *
   * @param initialSavepointPath restore the first deployment from here; null: fresh
   */
  public GenericKubernetesResource applicationCluster(
      String name,
      ClusterSpec spec,
      Storage storage,
      URI inClusterS3,
      String credentialsSecret,
      JobSpec job,
      String jarUri,
      String initialSavepointPath,
      UpgradeMode upgradeMode) {
    GenericKubernetesResource deployment =
        sessionCluster(name, spec, storage, inClusterS3, credentialsSecret);
    Map<String, Object> specMap = Tree.map(deployment.getAdditionalProperties(), "spec");
    FlinkConfigurationMerge.merge(
        Tree.map(specMap, "flinkConfiguration"),
        new LinkedHashMap<>(job.flinkConfiguration()),
        "FlinkDeployment " + name + " (" + job + ")");
    Map<String, Object> jobMap = Tree.map(specMap, "job");
    Map<String, Object> ownJob =
        user.deploymentJobFor(job).map(LinkedHashMap::new).orElseGet(LinkedHashMap::new);
    putOwnOr(jobMap, ownJob, "jarURI", jarUri);
    putOwnOr(jobMap, ownJob, "entryClass", job.entryClass());
    jobMap.put("args", List.copyOf(job.args()));
    jobMap.put("parallelism", job.parallelism());
    jobMap.put("upgradeMode", upgradeMode.label());
    jobMap.put("allowNonRestoredState", job.allowNonRestoredState());
    jobMap.put("state", "running");
    if (initialSavepointPath == null) {
      jobMap.remove("initialSavepointPath");
    } else {
      jobMap.put("initialSavepointPath", initialSavepointPath);
    }
    return deployment;
  }

  /**
   * The FlinkDeployment's {@code spec.mode}: native unless asked for standalone, where the operator
   * runs {@code spec.taskManager.replicas} TaskManagers as a Deployment; your own {@code spec.mode}
   * must agree with {@code -Dharness.k8s.integration}.
   */
  private void integration(Map<String, Object> specMap, ClusterSpec spec, String what) {
    String wanted = settings.integration().label();
    Object given = specMap.get("mode");
    if (given != null && !given.toString().equalsIgnoreCase(wanted)) {
      throw new IllegalArgumentException(
          what
              + " has spec.mode "
              + given
              + " but the harness runs "
              + wanted
              + ": set -D"
              + K8sSettings.INTEGRATION
              + "="
              + given
              + " or drop spec.mode");
    }
    if (settings.integration() == KubernetesIntegration.STANDALONE) {
      specMap.put("mode", wanted);
      Tree.map(specMap, "taskManager").put("replicas", spec.taskManagers());
    } else {
      specMap.remove("mode");
    }
  }

  /** What the harness needs in a session cluster's configuration, in one place. */
  private Map<String, String> clusterConfiguration(
      ClusterSpec spec, Storage storage, URI inClusterS3) {
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put(FlinkConfigurationMerge.SLOTS, Integer.toString(spec.slotsPerTaskManager()));
    wanted.put(FlinkConfigurationMerge.MIN_SLOTS, Integer.toString(spec.totalSlots()));
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
    }
    return wanted;
  }

  /**
   * The in-cluster MinIO's keys as {@code secretKeyRef} env on the user's main container; a user
   * who sets these variables themselves keeps them, which the MinIO storage cannot work with.
   */
  private void addCredentialEnv(MainContainer container, String secret, String what) {
    if (container.setsEnv(MinioCredentials.ENV)) {
      throw MinioCredentials.yourOwn(
          settings.deploymentYaml().orElseThrow() + ": your " + MAIN_CONTAINER);
    }
    container.minioKeys(secret);
    LOG.info("{}: the harness added env {} (secretKeyRef {})", what, MinioCredentials.ENV, secret);
  }

  /**
   * The jarURI for {@code job}: the one of the user's FlinkSessionJob for it, as given ({@code
   * s3://}, {@code https://}, {@code local://}), else the harness's delivery of the job's jar (its
   * fixture jars, to MinIO).
   */
  public String jarUri(JobSpec job, JarDelivery jars) {
    if (job.clusterJar().isPresent()) {
      if (settings.mode() == ClusterMode.SESSION) {
        throw new IllegalArgumentException(
            job
                + " runs local://"
                + job.clusterJar().get()
                + ": a FlinkSessionJob's local:// jarURI is read in the operator's pod, not in the"
                + " JobManager's; run with -D"
                + K8sSettings.MODE
                + "=application, or give your FlinkSessionJob an s3:// or https:// jarURI");
      }
      return UserJobs.IN_CLUSTER + job.clusterJar().get();
    }
    Optional<String> own =
        settings.mode() == ClusterMode.APPLICATION
            ? user.deploymentJobFor(job)
                .map(j -> j.get("jarURI"))
                .map(Object::toString)
                .filter(uri -> !uri.isBlank())
            : user.jarUriFor(job);
    return own.orElseGet(() -> jars.jarUri(job.jar()));
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
        user.sessionJobFor(job).orElseGet(() -> template(SESSION_JOB_TEMPLATE, "FlinkSessionJob"));
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

  /**
   * Sets what a JobSpec says on a session job's {@code spec}: used on deploy and on upgrade. With
   * the user's own FlinkSessionJob for the job, their {@code jarURI}, {@code entryClass} and
   * configuration keys stay as given; the job's configuration is merged from their original, so an
   * upgrade's changed key replaces the one the harness added before, never theirs.
   */
  void applyJob(Map<String, Object> spec, JobSpec job, String jarUri, UpgradeMode upgradeMode) {
    Optional<GenericKubernetesResource> own = user.sessionJobFor(job);
    Map<String, Object> jobMap = Tree.map(spec, "job");
    if (own.isPresent()) {
      Map<String, Object> ownSpec = Tree.map(own.get().getAdditionalProperties(), "spec");
      Map<String, Object> config = new LinkedHashMap<>(Tree.map(ownSpec, "flinkConfiguration"));
      FlinkConfigurationMerge.merge(
          config,
          new LinkedHashMap<>(job.flinkConfiguration()),
          "FlinkSessionJob " + own.get().getMetadata().getName() + " (" + job + ")");
      spec.put("flinkConfiguration", config);
      Map<String, Object> ownJob = Tree.map(ownSpec, "job");
      putOwnOr(jobMap, ownJob, "jarURI", jarUri);
      putOwnOr(jobMap, ownJob, "entryClass", job.entryClass());
    } else {
      spec.put("flinkConfiguration", new LinkedHashMap<String, Object>(job.flinkConfiguration()));
      jobMap.put("jarURI", jarUri);
      jobMap.put("entryClass", job.entryClass());
    }
    jobMap.put("args", List.copyOf(job.args()));
    jobMap.put("parallelism", job.parallelism());
    jobMap.put("upgradeMode", upgradeMode.label());
    jobMap.put("allowNonRestoredState", job.allowNonRestoredState());
  }

  private static void putOwnOr(
      Map<String, Object> jobMap, Map<String, Object> ownJob, String key, Object fallback) {
    Object own = ownJob.get(key);
    jobMap.put(key, own == null || own.toString().isBlank() ? fallback : own);
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

  private static void renamed(GenericKubernetesResource resource, String name) {
    String given = resource.getMetadata().getName();
    if (given != null && !given.isBlank() && !given.equals(name)) {
      LOG.info(
          "Your FlinkDeployment {} is applied as {} (the harness names its clusters)", given, name);
    }
  }

  /** The harness's template {@code template} from the classpath, checked to be {@code kind}. */
  static GenericKubernetesResource template(String template, String kind) {
    GenericKubernetesResource resource;
    try (InputStream in = FlinkManifests.class.getClassLoader().getResourceAsStream(template)) {
      if (in == null) {
        throw new IllegalStateException(
            template
                + " is not on the classpath: build the harness with Maven, which copies"
                + " fixtures/k8s into it");
      }
      resource = Serialization.unmarshal(in, GenericKubernetesResource.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + template, e);
    }
    if (resource == null || !kind.equals(resource.getKind())) {
      throw new IllegalStateException(template + " is not a " + kind);
    }
    if (resource.getMetadata() == null) {
      resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    }
    return resource;
  }
}
