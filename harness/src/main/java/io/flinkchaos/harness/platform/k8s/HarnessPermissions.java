package io.flinkchaos.harness.platform.k8s;

import java.util.List;

/**
 * Every Kubernetes API permission the harness's own calls need, in one place, with the code that
 * needs it; {@code fixtures/k8s/rbac.yaml} grants exactly these (a unit test holds the two
 * together). Installing the operator with Helm ({@code -Dharness.k8s.installOperator=true}) needs
 * far more (CRDs, ClusterRoles, webhooks): that is a cluster admin's job, not listed here.
 */
public final class HarnessPermissions {

  /**
   * A permission: verbs on a resource of an API group; {@code clusterScoped} ones need a
   * ClusterRole.
   */
  public record Rule(
      String apiGroup, String resource, List<String> verbs, boolean clusterScoped, String why) {}

  private static final List<String> OWN =
      List.of("get", "list", "create", "update", "patch", "delete", "deletecollection");

  public static final List<Rule> RULES =
      List.of(
          new Rule(
              "",
              "pods",
              List.of("get", "list", "watch", "delete"),
              false,
              "ClusterPods (TaskManager numbers, kills), service port-forwards resolve a pod"),
          new Rule("", "pods/log", List.of("get"), false, "KubernetesEvidence (log tails)"),
          new Rule(
              "",
              "pods/exec",
              List.of("create", "get"),
              false,
              "KubernetesControlPlane (kill 1 in the JobManager container)"),
          new Rule(
              "",
              "pods/portforward",
              List.of("create", "get"),
              false,
              "KubernetesRest (Flink REST), InClusterMinio (S3)"),
          new Rule(
              "",
              "services",
              OWN,
              false,
              "InClusterMinio, ManagedObjects, port-forwards; on k3s PodNetworkFaults (the"
                  + " JobManager's Services) and MinioOutages (MinIO's ClusterIP)"),
          new Rule("", "secrets", OWN, false, "InClusterMinio credentials, ManagedObjects"),
          new Rule(
              "",
              "configmaps",
              concat(OWN, "watch"),
              false,
              "ManagedObjects (cleanup and leftovers), StandaloneFlinkCluster (its config, HA"
                  + " ConfigMaps); watch: the standalone HA Role grants it, and RBAC lets the"
                  + " harness grant only what it holds"),
          new Rule(
              "",
              "serviceaccounts",
              OWN,
              false,
              "StandaloneFlinkCluster (the Flink pods' account for Kubernetes HA)"),
          new Rule(
              "rbac.authorization.k8s.io",
              "roles",
              OWN,
              false,
              "StandaloneFlinkCluster (HA ConfigMap access of the Flink pods)"),
          new Rule(
              "rbac.authorization.k8s.io",
              "rolebindings",
              OWN,
              false,
              "StandaloneFlinkCluster (HA ConfigMap access of the Flink pods)"),
          new Rule("", "resourcequotas", OWN, false, "PodFaults (TaskManager down-quota)"),
          new Rule("", "events", List.of("list"), false, "KubernetesEvidence, OperatorFailures"),
          new Rule(
              "apps",
              "deployments",
              OWN,
              false,
              "InClusterMinio, StandaloneFlinkCluster (JobManager, TaskManagers), ManagedObjects"),
          new Rule(
              FlinkResources.GROUP,
              "flinkdeployments",
              concat(OWN, "watch"),
              false,
              "KubernetesFlinkCluster, ApplicationJobs, StatusWatch (informer), ManagedObjects"),
          new Rule(
              FlinkResources.GROUP,
              "flinksessionjobs",
              concat(OWN, "watch"),
              false,
              "SessionJobs, StatusWatch (informer), ManagedObjects"),
          new Rule(
              "scheduling.k8s.io",
              "priorityclasses",
              OWN,
              true,
              "TaskManagerPriorityClass (TaskManager down), ManagedObjects"),
          new Rule(
              "apiextensions.k8s.io",
              "customresourcedefinitions",
              List.of("get"),
              true,
              "KubernetesPlatform (is the operator's FlinkSessionJob CRD there?)"),
          new Rule(
              "",
              "namespaces",
              List.of("get"),
              true,
              "KubeconfigPlatform (does the namespace exist? 403 tolerated)"));

  private HarnessPermissions() {}

  private static List<String> concat(List<String> verbs, String more) {
    return java.util.stream.Stream.concat(verbs.stream(), java.util.stream.Stream.of(more))
        .toList();
  }
}
