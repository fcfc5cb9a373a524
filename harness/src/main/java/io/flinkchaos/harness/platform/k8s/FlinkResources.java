package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The operator's custom resources ({@code flink.apache.org/v1beta1}), used as fabric8 generic
 * resources: the typed operator API on the registry is built on fabric8 6 and lags the operator.
 */
public final class FlinkResources {

  public static final String GROUP = "flink.apache.org";
  public static final String VERSION = "v1beta1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** Label on everything the harness creates; cleanup deletes only objects carrying it. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  public static final String MANAGED_BY_VALUE = "flink-chaos";

  public static final ResourceDefinitionContext FLINK_DEPLOYMENT =
      new ResourceDefinitionContext.Builder()
          .withGroup(GROUP)
          .withVersion(VERSION)
          .withKind("FlinkDeployment")
          .withPlural("flinkdeployments")
          .withNamespaced(true)
          .build();

  public static final ResourceDefinitionContext FLINK_SESSION_JOB =
      new ResourceDefinitionContext.Builder()
          .withGroup(GROUP)
          .withVersion(VERSION)
          .withKind("FlinkSessionJob")
          .withPlural("flinksessionjobs")
          .withNamespaced(true)
          .build();

  private FlinkResources() {}

  public static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      deployments(KubernetesClient client) {
    return client.genericKubernetesResources(FLINK_DEPLOYMENT);
  }

  public static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      sessionJobs(KubernetesClient client) {
    return client.genericKubernetesResources(FLINK_SESSION_JOB);
  }
}
