package io.flinkchaos.harness.platform.k8s;

import static io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.upgrade.UpgradeMode;
import io.flinkchaos.harness.upgrade.UpgradeOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One kind of the operator's resources in a namespace (FlinkSessionJobs, or application
 * FlinkDeployments) as the harness drives jobs through them: created with strict field validation,
 * their status read through one informer ({@link StatusWatch}), their specs edited after noting
 * what the operator had reported ({@link OperatorFailures}), and the Events that start an upgrade
 * ({@link UpgradeStartEvents}).
 */
final class OperatorResources implements AutoCloseable {

  private final MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      resources;
  private final String namespace;
  private final String kind;
  private final OperatorFailures failures;
  private final UpgradeStartEvents startEvents;
  private StatusWatch watch;

  private OperatorResources(
      KubernetesClient client,
      MixedOperation<
              GenericKubernetesResource,
              GenericKubernetesResourceList,
              Resource<GenericKubernetesResource>>
          resources,
      String namespace,
      String kind) {
    this.resources = resources;
    this.namespace = namespace;
    this.kind = kind;
    this.failures = new OperatorFailures(client, namespace, kind);
    this.startEvents = new UpgradeStartEvents(client, namespace, kind);
  }

  static OperatorResources sessionJobs(KubernetesClient client, String namespace) {
    return new OperatorResources(
        client, FlinkResources.sessionJobs(client), namespace, OperatorFailures.KIND);
  }

  static OperatorResources deployments(KubernetesClient client, String namespace) {
    return new OperatorResources(
        client, FlinkResources.deployments(client), namespace, ApplicationJobs.KIND);
  }

  /** FlinkSessionJob or FlinkDeployment. */
  String kind() {
    return kind;
  }

  /** "FlinkDeployment ns/name": the resource in messages. */
  String what(String name) {
    return kind + " " + namespace + "/" + name;
  }

  /**
   * Creates {@code resource}, watched from before it exists; the API server rejects a field the CRD
   * does not know instead of pruning it.
   */
  void create(GenericKubernetesResource resource) {
    watch();
    resources.inNamespace(namespace).resource(resource).fieldValidation(STRICT).create();
  }

  Resource<GenericKubernetesResource> resource(String name) {
    return resources.inNamespace(namespace).withName(name);
  }

  /** The resource's status as last delivered by the informer, or MISSING. */
  OperatorStatus observe(String name) {
    return watch().status(name);
  }

  /** Every status change the informer saw, one line each. */
  List<String> transitions() {
    return watch().transitions();
  }

  /** A point in the sequence of status changes, for {@link #leftRunningSince}. */
  long watchMark() {
    return watch().mark();
  }

  boolean leftRunningSince(String name, long mark) {
    return watch().leftRunningSince(name, mark);
  }

  UpgradeStartEvents.Mark startMark(String name) {
    return startEvents.mark(name);
  }

  /** The SpecChanged or Suspended Event emitted since {@code mark}, if any. */
  Optional<String> startedSince(UpgradeStartEvents.Mark mark) {
    return startEvents.since(mark);
  }

  /**
   * Edits the resource's spec, after noting what the operator had reported so far, so the outcome
   * lists only the failures of this attempt.
   */
  OperatorFailures.Mark edit(String name, Consumer<Map<String, Object>> change) {
    OperatorFailures.Mark mark = failures.mark(name, watch());
    resource(name)
        .edit(
            resource -> {
              change.accept(Tree.map(resource.getAdditionalProperties(), "spec"));
              return resource;
            });
    return mark;
  }

  /** The outcome from {@code snapshot}, with the failed attempts reported since {@code mark}. */
  UpgradeOutcome outcome(
      UpgradeMode mode,
      UpgradeSnapshot snapshot,
      DeployedJob job,
      Instant startedAt,
      OperatorFailures.Mark mark) {
    return snapshot.outcome(mode, job, startedAt, failures.since(mark, watch()));
  }

  private synchronized StatusWatch watch() {
    if (watch == null) {
      watch = new StatusWatch(resources, namespace);
    }
    return watch;
  }

  /** Stops the informer. */
  @Override
  public synchronized void close() {
    if (watch != null) {
      watch.close();
      watch = null;
    }
  }
}
