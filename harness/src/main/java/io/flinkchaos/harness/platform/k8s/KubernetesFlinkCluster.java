package io.flinkchaos.harness.platform.k8s;

import static io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkchaos.harness.flink.FlinkRest;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.Capability;
import io.flinkchaos.harness.platform.ClusterSpec;
import io.flinkchaos.harness.platform.ControlPlane;
import io.flinkchaos.harness.platform.FlinkCluster;
import io.flinkchaos.harness.platform.JobLifecycle;
import io.flinkchaos.harness.platform.ProcessFaults;
import io.flinkchaos.harness.platform.ProcessFreezer;
import io.flinkchaos.harness.platform.Storage;
import io.flinkchaos.harness.platform.k8s.K8sSettings.K8sTimeouts;
import io.flinkchaos.harness.report.Evidence;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink session cluster run by the Flink Kubernetes Operator: a FlinkDeployment without a job,
 * and one FlinkSessionJob per deployed job. The front door: it applies the FlinkDeployment and
 * hands out what the parts do: REST through a port-forward ({@link KubernetesRest}), jobs ({@link
 * SessionJobs}), pod faults ({@link PodFaults}), freezing from the node ({@link PodFreezer}), the
 * control plane ({@link KubernetesControlPlane}) and evidence ({@link KubernetesEvidence}).
 */
public final class KubernetesFlinkCluster implements FlinkCluster, AutoCloseable {

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
  private final SessionJobs jobs;
  private final PodFaults faults;
  private final KubernetesControlPlane controlPlane;
  private final KubernetesEvidence evidence;
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
      Map<String, String> runLabels) {
    this.client = client;
    this.runLabels = Map.copyOf(runLabels);
    this.namespace = namespace;
    this.name = name;
    this.spec = spec;
    this.storage = storage;
    this.manifests = manifests;
    this.timeouts = timeouts;
    ClusterPods pods = new ClusterPods(client, namespace, operatorNamespace, name);
    this.rest = new KubernetesRest(pods);
    this.readiness =
        new SessionClusterReadiness(client, namespace, name, this::registeredTaskManagers);
    this.taskManagers = new TaskManagerNumbers(pods, spec.taskManagers(), timeouts.ready());
    this.jobs = new SessionJobs(client, namespace, name, storage, manifests, jars, timeouts);
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
    this.evidence = new KubernetesEvidence(pods, jobs);
  }

  /**
   * Applies the session cluster's FlinkDeployment (created, or replaced if present). Strict field
   * validation: the API server rejects a field the operator's CRD does not know, instead of
   * silently pruning it. First the PriorityClass only its TaskManagers use ({@link
   * TaskManagerPriorityClass}), named in the TaskManager pod template, and the run's labels.
   */
  public KubernetesFlinkCluster apply(URI inClusterS3, String credentialsSecret) {
    GenericKubernetesResource deployment =
        manifests.sessionCluster(name, spec, storage, inClusterS3, credentialsSecret);
    Map<String, String> labels = new LinkedHashMap<>(deployment.getMetadata().getLabels());
    labels.putAll(runLabels);
    deployment.getMetadata().setLabels(labels);
    priorityClass = TaskManagerPriorityClass.ensure(client, name, runLabels);
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
    FlinkResources.deployments(client)
        .inNamespace(namespace)
        .resource(deployment)
        .fieldValidation(STRICT)
        .createOr(op -> op.update());
    LOG.info("Applied FlinkDeployment {}/{} ({})", namespace, name, spec);
    return this;
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
  public SortedSet<Integer> taskManagersRunning(JobID job) {
    return taskManagers.numbersOf(rest().taskManagersRunning(job));
  }

  @Override
  public int registeredTaskManagers() {
    return rest().overview().getNumTaskManagersConnected();
  }

  @Override
  public void awaitReady() {
    awaitReady(timeouts.ready());
  }

  public void awaitReady(Duration atMost) {
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

  /** Deletes this cluster's session jobs and FlinkDeployment and closes the REST forward. */
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
    return "FlinkDeployment " + namespace + "/" + name + " (" + spec + ")";
  }
}
