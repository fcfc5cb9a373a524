package io.flinkchaos.harness.platform.k8s;

import static io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkchaos.harness.flink.FlinkRest;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.ControlPlane;
import io.flinkchaos.harness.platform.FlinkVersionUpgrades;
import io.flinkchaos.harness.platform.JobLifecycle;
import io.flinkchaos.harness.platform.NetworkFaults;
import io.flinkchaos.harness.platform.ProcessFaults;
import io.flinkchaos.harness.platform.ProcessFreezer;
import io.flinkchaos.harness.platform.Storage;
import io.flinkchaos.harness.platform.k8s.K8sSettings.K8sTimeouts;
import io.flinkchaos.harness.report.Evidence;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink cluster run by the Flink Kubernetes Operator. In session mode: a FlinkDeployment without
 * a job, applied up front, and one FlinkSessionJob per deployed job ({@link SessionJobs}). In
 * application mode: nothing until a job is deployed, then one FlinkDeployment per job with the job
 * as its {@code spec.job} ({@link ApplicationJobs}); its pods, REST and readiness follow that
 * deployment. The front door: it hands out what the parts do: REST through a port-forward ({@link
 * KubernetesRest}), jobs, pod faults ({@link PodFaults}), freezing and partitions from the node
 * ({@link PodFreezer}, {@link PodNetworkFaults}), the control plane ({@link
 * KubernetesControlPlane}) and evidence ({@link KubernetesEvidence}).
 */
public final class KubernetesFlinkCluster implements KubernetesCluster {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesFlinkCluster.class);

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final ClusterSpec spec;
  private final Storage storage;
  private final FlinkManifests manifests;
  private final K8sTimeouts timeouts;
  private final KubernetesRest rest;
  private final SessionClusterReadiness readiness;
  private final TaskManagerNumbers taskManagers;
  private final ClusterMode mode;
  private final ClusterJobs jobs;
  private volatile String deployment;
  private URI inClusterS3;
  private String credentialsSecret;
  private final PodFaults faults;
  private final KubernetesControlPlane controlPlane;
  private final KubernetesEvidence evidence;
  private final ClusterPods pods;
  private final Capability<NetworkFaults> network;
  private final Map<String, String> runLabels;
  private Capability<String> priorityClass =
      Capability.missing("needs the session cluster applied first (its TaskManager PriorityClass)");

  /**
   * @param node a shell on the node, or why there is none: freezing a process needs it
   * @param operatorUpgrade upgrades the operator to a version and returns the one it replaced (the
   *     platform installed it)
   */
  public KubernetesFlinkCluster(
      KubernetesClient client,
      String namespace,
      String operatorNamespace,
      String name,
      ClusterSpec spec,
      Storage storage,
      FlinkManifests manifests,
      JarDelivery jars,
      K8sTimeouts timeouts,
      Capability<NodeShell> node,
      UnaryOperator<String> operatorUpgrade,
      Map<String, String> runLabels,
      ClusterMode mode) {
    this.client = client;
    this.mode = mode;
    this.runLabels = Map.copyOf(runLabels);
    this.namespace = namespace;
    this.name = name;
    this.spec = spec;
    this.storage = storage;
    this.manifests = manifests;
    this.timeouts = timeouts;
    this.deployment = name;
    this.pods = new ClusterPods(client, namespace, operatorNamespace, name, () -> deployment);
    this.rest = new KubernetesRest(pods);
    this.readiness =
        new SessionClusterReadiness(
            client, namespace, () -> deployment, this::registeredTaskManagers);
    this.taskManagers = new TaskManagerNumbers(pods, spec.taskManagers(), timeouts.ready());
    this.jobs =
        mode == ClusterMode.APPLICATION
            ? new ApplicationJobs(
                client,
                namespace,
                name,
                (deploymentName, job, initialSavepoint, upgradeMode) ->
                    prepared(
                        manifests.applicationCluster(
                            deploymentName,
                            spec,
                            storage,
                            inClusterS3,
                            credentialsSecret,
                            job,
                            manifests.jarUri(job, jars),
                            initialSavepoint == null ? null : storage.restorePath(initialSavepoint),
                            upgradeMode)),
                current -> deployment = current,
                timeouts)
            : new SessionJobs(client, namespace, name, storage, manifests, jars, timeouts);
    Capability<ProcessFreezer> freezer =
        node.map(shell -> Capability.of(new PodFreezer(pods, taskManagers, shell)));
    this.faults =
        new PodFaults(
            pods,
            taskManagers,
            spec.taskManagers(),
            count -> readiness.awaitReady(timeouts.ready(), count),
            freezer,
            () -> priorityClass,
            this.runLabels);
    this.controlPlane = new KubernetesControlPlane(pods, timeouts.ready(), operatorUpgrade);
    this.network = PodNetworkFaults.on(node, pods, taskManagers);
    this.evidence = new KubernetesEvidence(pods, jobs);
  }

  /**
   * Session mode: applies the session cluster's FlinkDeployment (created, or replaced if present).
   * Application mode: only prepares what each job's FlinkDeployment will carry. Strict field
   * validation: the API server rejects a field the operator's CRD does not know, instead of
   * silently pruning it. First the PriorityClass only its TaskManagers use ({@link
   * TaskManagerPriorityClass}), named in the TaskManager pod template, and the run's labels.
   */
  public KubernetesFlinkCluster apply(URI inClusterS3, String credentialsSecret) {
    this.inClusterS3 = inClusterS3;
    this.credentialsSecret = credentialsSecret;
    priorityClass = TaskManagerPriorityClass.ensure(client, name, runLabels);
    if (mode == ClusterMode.APPLICATION) {
      LOG.info("Application mode: {} gets a FlinkDeployment per deployed job", this);
      return this;
    }
    FlinkResources.deployments(client)
        .inNamespace(namespace)
        .resource(
            prepared(manifests.sessionCluster(name, spec, storage, inClusterS3, credentialsSecret)))
        .fieldValidation(STRICT)
        .createOr(op -> op.update());
    LOG.info("Applied FlinkDeployment {}/{} ({})", namespace, name, spec);
    return this;
  }

  /** {@code deployment} with the run's labels and the TaskManagers' PriorityClass. */
  private GenericKubernetesResource prepared(GenericKubernetesResource deployment) {
    Map<String, String> labels = new LinkedHashMap<>(deployment.getMetadata().getLabels());
    labels.putAll(runLabels);
    deployment.getMetadata().setLabels(labels);
    priorityClass
        .get()
        .ifPresent(
            className -> {
              Map<String, Object> template =
                  Tree.map(
                      deployment.getAdditionalProperties(), "spec", "taskManager", "podTemplate");
              template.putIfAbsent("apiVersion", "v1");
              template.putIfAbsent("kind", "Pod");
              Tree.map(template, "spec").put("priorityClassName", className);
            });
    return deployment;
  }

  public String name() {
    return name;
  }

  public String namespace() {
    return namespace;
  }

  @Override
  public ClusterSpec spec() {
    return spec;
  }

  @Override
  public FlinkRest rest() {
    return rest.rest();
  }

  /** In application mode, none once its job's FlinkDeployment is gone (no JobManager to ask). */
  @Override
  public List<String> unfinishedJobs() {
    if (mode == ClusterMode.APPLICATION && jobs.names().isEmpty()) {
      return List.of();
    }
    return KubernetesCluster.super.unfinishedJobs();
  }

  @Override
  public Storage storage() {
    return storage;
  }

  @Override
  public DeployedJob deploy(JobSpec job, String restorePath) {
    return jobs.deploy(job, restorePath);
  }

  @Override
  public void cancel(DeployedJob job) {
    jobs.cancel(job);
  }

  /** The logical numbers of the TaskManager pods Flink's REST API names (resource id = pod). */
  @Override
  public SortedSet<Integer> taskManagerNumbers(java.util.Collection<String> resourceIds) {
    return taskManagers.numbersOf(resourceIds);
  }

  @Override
  public int registeredTaskManagers() {
    return rest().overview().getNumTaskManagersConnected();
  }

  @Override
  public void awaitReady() {
    awaitReady(timeouts.ready());
  }

  /**
   * Waits for the JobManager and the TaskManagers; in application mode only while a job's
   * FlinkDeployment exists (before the first job there is no cluster to wait for).
   */
  @Override
  public void awaitReady(Duration atMost) {
    if (mode == ClusterMode.APPLICATION && jobs.names().isEmpty()) {
      return;
    }
    readiness.awaitReady(atMost, spec.taskManagers());
  }

  @Override
  public void collectEvidence(Evidence evidence) {
    this.evidence.collect(evidence);
  }

  @Override
  public ProcessFaults processes() {
    return faults;
  }

  @Override
  public JobLifecycle jobs() {
    return jobs;
  }

  @Override
  public Capability<ControlPlane> controlPlane() {
    return Capability.of(controlPlane);
  }

  /**
   * In application mode the job's FlinkDeployment; in session mode missing: the Flink version is
   * the session cluster's, and the operator redeploys a changed session FlinkDeployment by deleting
   * it, with no snapshot of the session jobs in it ({@code SessionReconciler.reconcileSpecChange},
   * release-1.15.0).
   */
  @Override
  public Capability<FlinkVersionUpgrades> flinkVersionUpgrades() {
    if (jobs instanceof ApplicationJobs application) {
      return Capability.of(application);
    }
    return Capability.missing(
        "runs in session mode, where the Flink version is the session cluster's and the operator"
            + " redeploys a changed session FlinkDeployment without a snapshot of its jobs"
            + " (SessionReconciler, release-1.15.0): run with -D"
            + K8sSettings.MODE
            + "=application");
  }

  @Override
  public List<Pod> flinkPods() {
    return pods.flinkPods();
  }

  /** Blackhole routes in the pods' network namespaces, from the node ({@link PodNetworkFaults}). */
  @Override
  public Capability<NetworkFaults> network() {
    return network;
  }

  /** Deletes this cluster's jobs and FlinkDeployment(s) and closes the REST forward. */
  @Override
  public void close() {
    rest.close();
    try {
      jobs.close();
      FlinkResources.deployments(client).inNamespace(namespace).withName(name).delete();
    } catch (RuntimeException e) {
      LOG.warn("Could not delete FlinkDeployment {}/{}: {}", namespace, name, e.toString());
    }
  }

  @Override
  public String toString() {
    return (mode == ClusterMode.APPLICATION ? "application cluster " : "FlinkDeployment ")
        + namespace
        + "/"
        + name
        + " ("
        + spec
        + ")";
  }
}
