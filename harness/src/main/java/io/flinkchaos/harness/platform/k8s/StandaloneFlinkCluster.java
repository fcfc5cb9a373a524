package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkchaos.harness.flink.FlinkRest;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.ControlPlane;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.JobLifecycle;
import io.flinkchaos.harness.platform.NetworkFaults;
import io.flinkchaos.harness.platform.ProcessFaults;
import io.flinkchaos.harness.platform.ProcessFreezer;
import io.flinkchaos.harness.platform.Storage;
import io.flinkchaos.harness.platform.k8s.K8sSettings.K8sTimeouts;
import io.flinkchaos.harness.platform.rest.RestJobLifecycle;
import io.flinkchaos.harness.platform.rest.RestSubmission;
import io.flinkchaos.harness.report.Evidence;
import io.flinkchaos.harness.wait.Waits;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.apache.flink.api.common.JobID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone Flink session cluster on Kubernetes that no operator runs ({@code
 * -Dharness.k8s.deployment-kind=standalone}): the objects of {@link StandaloneManifests}, applied
 * by the harness. Nothing reconciles it: jobs are submitted, upgraded, suspended and resumed over
 * Flink's REST API ({@link RestSubmission}, {@link RestJobLifecycle}, as on the local platform and
 * as a team's pipeline does), Kubernetes only restarts pods. Faults are pod deletions and the
 * down-quota ({@link PodFaults}: the TaskManager Deployment replaces a pod), {@code kill 1} in the
 * JobManager's container; the operator's steps skip with their reason.
 */
public final class StandaloneFlinkCluster implements KubernetesCluster {

  private static final Logger LOG = LoggerFactory.getLogger(StandaloneFlinkCluster.class);

  static final String NO_OPERATOR =
      "needs the Flink Kubernetes Operator, which the standalone deployment kind does not run"
          + " (-Dharness.k8s.deployment-kind=operator has it)";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final ClusterSpec spec;
  private final Storage storage;
  private final StandaloneManifests manifests;
  private final K8sTimeouts timeouts;
  private final Map<String, String> runLabels;
  private final ClusterPods pods;
  private final KubernetesRest rest;
  private final TaskManagerNumbers taskManagers;
  private final StandaloneProcessFaults faults;
  private final KubernetesControlPlane controlPlane;
  private final KubernetesEvidence evidence;
  private final Capability<NetworkFaults> network;
  private final RestJobLifecycle lifecycle = new RestJobLifecycle(this);
  private final PodExec exec;
  private volatile StandaloneManifests.Rendered rendered;
  private Capability<String> priorityClass =
      Capability.missing("needs the cluster applied first (its TaskManager PriorityClass)");

  public StandaloneFlinkCluster(
      KubernetesClient client,
      String namespace,
      String name,
      ClusterSpec spec,
      Storage storage,
      StandaloneManifests manifests,
      K8sTimeouts timeouts,
      Capability<NodeShell> node,
      Map<String, String> runLabels) {
    this(
        client,
        namespace,
        name,
        spec,
        storage,
        manifests,
        timeouts,
        node,
        runLabels,
        new KubernetesPodExec(client, namespace));
  }

  /**
   * @param exec runs {@code flink run} in the JobManager's container (for a jar the cluster holds)
   */
  StandaloneFlinkCluster(
      KubernetesClient client,
      String namespace,
      String name,
      ClusterSpec spec,
      Storage storage,
      StandaloneManifests manifests,
      K8sTimeouts timeouts,
      Capability<NodeShell> node,
      Map<String, String> runLabels,
      PodExec exec) {
    this.exec = exec;
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.spec = spec;
    this.storage = storage;
    this.manifests = manifests;
    this.timeouts = timeouts;
    this.runLabels = Map.copyOf(runLabels);
    this.pods =
        new ClusterPods(client, namespace, namespace, name, () -> name, () -> rendered().layout());
    this.rest = new KubernetesRest(pods);
    this.taskManagers = new TaskManagerNumbers(pods, spec.taskManagers(), timeouts.ready());
    Capability<ProcessFreezer> freezer =
        node.map(shell -> Capability.of(new PodFreezer(pods, taskManagers, shell)));
    this.faults =
        new StandaloneProcessFaults(
            new PodFaults(
                pods,
                taskManagers,
                spec.taskManagers(),
                count -> awaitReady(timeouts.ready(), count),
                freezer,
                () -> priorityClass,
                this.runLabels),
            pods,
            () -> rendered().taskManager().getMetadata().getName(),
            count -> awaitReady(timeouts.ready(), count),
            timeouts.ready());
    this.controlPlane = new KubernetesControlPlane(pods, timeouts.ready(), NO_OPERATOR);
    this.network = PodNetworkFaults.on(node, pods, taskManagers);
    this.evidence =
        new KubernetesEvidence(
            pods, () -> rendered == null ? List.of() : rendered.objects(), "standalone objects");
  }

  private StandaloneManifests.Rendered rendered() {
    StandaloneManifests.Rendered objects = rendered;
    if (objects == null) {
      throw new IllegalStateException(this + " is not applied yet");
    }
    return objects;
  }

  /**
   * Applies the cluster's objects (created, or replaced if present), after the PriorityClass only
   * its TaskManagers use ({@link TaskManagerPriorityClass}).
   */
  public StandaloneFlinkCluster apply(URI inClusterS3, String credentialsSecret) {
    priorityClass = TaskManagerPriorityClass.ensure(client, name, runLabels);
    StandaloneManifests.Rendered objects =
        manifests.render(name, spec, storage, inClusterS3, credentialsSecret);
    priorityClass.get().ifPresent(objects::taskManagerPriorityClass);
    for (HasMetadata object : objects.objects()) {
      client.resource(object).inNamespace(namespace).createOr(op -> op.update());
    }
    rendered = objects;
    LOG.info(
        "Applied standalone cluster {}/{} ({}): {}",
        namespace,
        name,
        spec,
        objects.objects().stream()
            .map(o -> o.getKind() + "/" + o.getMetadata().getName())
            .toList());
    return this;
  }

  @Override
  public ClusterSpec spec() {
    return spec;
  }

  @Override
  public FlinkRest rest() {
    return rest.rest();
  }

  @Override
  public Storage storage() {
    return storage;
  }

  /**
   * Over REST (the jar uploaded), or for a jar the cluster already holds with {@code flink run} in
   * the JobManager's container ({@link FlinkRunCommand}), as a team's pipeline does.
   */
  @Override
  public DeployedJob deploy(JobSpec job, String restorePath) {
    DeployedJob deployed =
        job.clusterJar().isPresent()
            ? runInJobManager(job, restorePath)
            : RestSubmission.submit(rest(), job, restorePath);
    LOG.info("Submitted {} to {} as job {}", job, this, deployed.jobId());
    return deployed;
  }

  private DeployedJob runInJobManager(JobSpec job, String restorePath) {
    String pod = pods.jobManager().getMetadata().getName();
    Instant submittedAt = Instant.now();
    String output =
        exec.run(
            pod,
            pods.mainContainer(FlinkProcess.Role.JOB_MANAGER),
            FlinkRunCommand.of(job, restorePath),
            timeouts.deploy());
    JobID jobId = FlinkRunCommand.jobId(output, "flink run in " + namespace + "/" + pod);
    return new DeployedJob(jobId, job, submittedAt, restorePath);
  }

  @Override
  public void cancel(DeployedJob job) {
    RestSubmission.cancel(rest(), job);
  }

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

  @Override
  public void awaitReady(Duration atMost) {
    awaitReady(atMost, spec.taskManagers());
  }

  /** The JobManager Deployment available, then {@code count} TaskManagers registered with it. */
  public void awaitReady(Duration atMost, int count) {
    Waits.until(
        "the JobManager Deployment of standalone cluster " + namespace + "/" + name + " available",
        atMost,
        this::jobManagerAvailability,
        status -> status.startsWith("available"));
    Waits.until(
        count + " TaskManagers registered with the JobManager of " + namespace + "/" + name,
        atMost,
        this::registeredTaskManagers,
        registered -> registered >= count);
  }

  private String jobManagerAvailability() {
    String name = rendered().jobManager().getMetadata().getName();
    Deployment jobManager = client.apps().deployments().inNamespace(namespace).withName(name).get();
    if (jobManager == null || jobManager.getStatus() == null) {
      return "no status yet";
    }
    Integer available = jobManager.getStatus().getAvailableReplicas();
    return (available != null && available >= 1 ? "available" : "not available")
        + ": "
        + available
        + " of "
        + jobManager.getSpec().getReplicas()
        + " replicas available";
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
    return lifecycle;
  }

  @Override
  public Capability<ControlPlane> controlPlane() {
    return Capability.of(controlPlane);
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

  /**
   * Deletes the cluster's objects and the HA ConfigMaps Flink left ({@code
   * app=<cluster-id>,configmap-type=high-availability}: Flink's Kubernetes HA services label them
   * so and never delete them on a pod or Deployment deletion), and closes the REST forward.
   */
  @Override
  public void close() {
    rest.close();
    StandaloneManifests.Rendered objects = rendered;
    if (objects == null) {
      return;
    }
    for (HasMetadata object : objects.objects()) {
      try {
        client.resource(object).inNamespace(namespace).delete();
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not delete {} {}: {}",
            object.getKind(),
            object.getMetadata().getName(),
            e.toString());
      }
    }
    try {
      client
          .configMaps()
          .inNamespace(namespace)
          .withLabel("app", name)
          .withLabel("configmap-type", "high-availability")
          .delete();
    } catch (RuntimeException e) {
      LOG.warn("Could not delete the HA ConfigMaps of {}: {}", name, e.toString());
    }
  }

  @Override
  public String toString() {
    return "standalone cluster " + namespace + "/" + name + " (" + spec + ")";
  }
}
