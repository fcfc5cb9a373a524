package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkchaos.harness.s3.S3Endpoint;
import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MinIO in the cluster's namespace (Secret, Deployment, Service from {@code
 * fixtures/k8s/minio.yaml}) holding checkpoints, savepoints, HA data, job output and job jars, one
 * per run: all three are named {@code fc-<run>-minio}, carry the run's labels, and the Service
 * selects only this run's MinIO pod, so parallel runs in one namespace never share or overwrite
 * one. Pods reach it as {@code http://fc-<run>-minio.<namespace>.svc:9000}; the harness through a
 * port-forward. Credentials are generated per run and live only in the Secret and in this JVM.
 */
public final class InClusterMinio implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InClusterMinio.class);

  public static final String TEMPLATE = "k8s/minio.yaml";

  /** The template's name for all three objects, replaced by {@link #nameFor(RunId)}. */
  public static final String SECRET = "flink-chaos-minio";

  public static final int PORT = 9000;

  /** The template's container: the one an outage freezes ({@link MinioOutages}). */
  static final String CONTAINER = "minio";

  /** The pod label the Service selects by, set to the run's id. */
  static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final String accessKey;
  private final String secretKey;
  private LocalPortForward forward;

  private InClusterMinio(
      KubernetesClient client, String namespace, String name, String accessKey, String secretKey) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** {@code fc-<run>-minio}: the Secret, Deployment and Service of this run's MinIO. */
  static String nameFor(RunId run) {
    return "fc-" + run.value() + "-minio";
  }

  /**
   * The Secret, Deployment and Service of {@code run}'s MinIO, with its name, labels, selector,
   * image, namespace and credentials set.
   */
  public static List<HasMetadata> manifests(
      K8sSettings settings, RunId run, String accessKey, String secretKey) {
    String name = nameFor(run);
    KubernetesList list;
    try (InputStream in = InClusterMinio.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException(TEMPLATE + " is not on the classpath: build with Maven");
      }
      list = Serialization.unmarshal(in, KubernetesList.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + TEMPLATE, e);
    }
    for (HasMetadata item : list.getItems()) {
      item.getMetadata().setNamespace(settings.namespace());
      item.getMetadata().setName(name);
      Map<String, String> labels = new LinkedHashMap<>(item.getMetadata().getLabels());
      labels.put(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE);
      labels.putAll(run.labels());
      item.getMetadata().setLabels(labels);
      if (item instanceof Secret secret) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("accessKey", accessKey);
        data.put("secretKey", secretKey);
        secret.setStringData(data);
        secret.setData(null);
      } else if (item instanceof Deployment deployment) {
        deployment.getSpec().getSelector().getMatchLabels().put(INSTANCE_LABEL, run.value());
        deployment.getSpec().getTemplate().getMetadata().getLabels().putAll(run.labels());
        deployment
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getLabels()
            .put(INSTANCE_LABEL, run.value());
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        container.setImage(settings.minioImage());
        container.getEnv().stream()
            .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
            .forEach(e -> e.getValueFrom().getSecretKeyRef().setName(name));
      } else if (item instanceof Service service) {
        service.getSpec().getSelector().put(INSTANCE_LABEL, run.value());
      }
    }
    return list.getItems();
  }

  /** Applies MinIO with fresh credentials and waits (bounded) until it is ready. */
  public static InClusterMinio deploy(KubernetesClient client, K8sSettings settings, RunId run) {
    SecureRandom random = new SecureRandom();
    String accessKey = "flink-chaos-" + HexFormat.of().formatHex(random.generateSeed(4));
    byte[] secret = new byte[24];
    random.nextBytes(secret);
    String name = nameFor(run);
    InClusterMinio minio =
        new InClusterMinio(
            client, settings.namespace(), name, accessKey, HexFormat.of().formatHex(secret));
    for (HasMetadata item : manifests(settings, run, accessKey, minio.secretKey)) {
      client.resource(item).inNamespace(settings.namespace()).createOr(op -> op.update());
    }
    Waits.until(
        "MinIO Deployment "
            + settings.namespace()
            + "/"
            + name
            + " ready ("
            + settings.minioImage()
            + ")",
        settings.timeouts().infrastructure(),
        () ->
            readiness(client, settings.namespace(), name)
                + "; "
                + PodStates.in(client, settings.namespace()),
        status -> status.startsWith("ready"));
    return minio;
  }

  private static String readiness(KubernetesClient client, String namespace, String name) {
    Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
    if (deployment == null || deployment.getStatus() == null) {
      return "no status yet";
    }
    Integer ready = deployment.getStatus().getReadyReplicas();
    return (ready != null && ready >= 1 ? "ready" : "not ready")
        + ": "
        + ready
        + " of "
        + deployment.getSpec().getReplicas()
        + " replicas ready, conditions "
        + deployment.getStatus().getConditions().stream()
            .map(
                c ->
                    c.getType()
                        + "="
                        + c.getStatus()
                        + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")"))
            .toList();
  }

  /** MinIO as the pods see it. */
  public URI inClusterEndpoint() {
    return URI.create("http://" + name + "." + namespace + ".svc:" + PORT);
  }

  /** MinIO as this JVM sees it: a port-forward to the Service, opened on first use. */
  public synchronized S3Endpoint endpoint() {
    if (forward == null || !forward.isAlive()) {
      forward = client.services().inNamespace(namespace).withName(name).portForward(PORT);
      LOG.info(
          "MinIO via port-forward 127.0.0.1:{} -> {}/{}:{}",
          forward.getLocalPort(),
          namespace,
          name,
          PORT);
    }
    return S3Endpoint.compatible(
        URI.create("http://127.0.0.1:" + forward.getLocalPort()), accessKey, secretKey);
  }

  public String secretName() {
    return name;
  }

  /** The name of this run's MinIO Secret, Deployment and Service. */
  String name() {
    return name;
  }

  @Override
  public synchronized void close() {
    if (forward != null) {
      try {
        forward.close();
      } catch (IOException e) {
        LOG.warn("Could not close the MinIO port-forward: {}", e.toString());
      }
      forward = null;
    }
  }
}
