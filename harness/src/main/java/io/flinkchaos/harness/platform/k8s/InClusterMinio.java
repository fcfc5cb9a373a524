package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Secret;
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
 * fixtures/k8s/minio.yaml}) holding checkpoints, savepoints, HA data, job output and job jars. Pods
 * reach it as {@code http://minio.<namespace>.svc:9000}; the harness through a port-forward.
 * Credentials are generated per run and live only in the Secret and in this JVM.
 */
public final class InClusterMinio implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InClusterMinio.class);

  public static final String TEMPLATE = "k8s/minio.yaml";
  public static final String SECRET = "flink-chaos-minio";
  public static final String SERVICE = "minio";
  public static final int PORT = 9000;

  private final KubernetesClient client;
  private final String namespace;
  private final String accessKey;
  private final String secretKey;
  private LocalPortForward forward;

  private InClusterMinio(
      KubernetesClient client, String namespace, String accessKey, String secretKey) {
    this.client = client;
    this.namespace = namespace;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** The Secret, Deployment and Service with the image, namespace and credentials set. */
  public static List<HasMetadata> manifests(
      K8sSettings settings, String accessKey, String secretKey) {
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
      Map<String, String> labels = new LinkedHashMap<>(item.getMetadata().getLabels());
      labels.put(FlinkResources.MANAGED_BY, FlinkResources.MANAGED_BY_VALUE);
      item.getMetadata().setLabels(labels);
      if (item instanceof Secret secret) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("accessKey", accessKey);
        data.put("secretKey", secretKey);
        secret.setStringData(data);
        secret.setData(null);
      } else if (item instanceof Deployment deployment) {
        deployment
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .setImage(settings.minioImage());
      }
    }
    return list.getItems();
  }

  /** Applies MinIO with fresh credentials and waits (bounded) until it is ready. */
  public static InClusterMinio deploy(KubernetesClient client, K8sSettings settings) {
    SecureRandom random = new SecureRandom();
    String accessKey = "flink-chaos-" + HexFormat.of().formatHex(random.generateSeed(4));
    byte[] secret = new byte[24];
    random.nextBytes(secret);
    InClusterMinio minio =
        new InClusterMinio(
            client, settings.namespace(), accessKey, HexFormat.of().formatHex(secret));
    for (HasMetadata item : manifests(settings, accessKey, minio.secretKey)) {
      client.resource(item).inNamespace(settings.namespace()).createOr(op -> op.update());
    }
    Waits.until(
        "MinIO Deployment "
            + settings.namespace()
            + "/"
            + SERVICE
            + " ready ("
            + settings.minioImage()
            + ")",
        settings.timeouts().infrastructure(),
        () -> readiness(client, settings.namespace()),
        status -> status.startsWith("ready"));
    return minio;
  }

  private static String readiness(KubernetesClient client, String namespace) {
    Deployment deployment =
        client.apps().deployments().inNamespace(namespace).withName(SERVICE).get();
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
    return URI.create("http://" + SERVICE + "." + namespace + ".svc:" + PORT);
  }

  /** MinIO as this JVM sees it: a port-forward to the Service, opened on first use. */
  public synchronized S3Endpoint endpoint() {
    if (forward == null || !forward.isAlive()) {
      forward = client.services().inNamespace(namespace).withName(SERVICE).portForward(PORT);
      LOG.info(
          "MinIO via port-forward 127.0.0.1:{} -> {}/{}:{}",
          forward.getLocalPort(),
          namespace,
          SERVICE,
          PORT);
    }
    return S3Endpoint.compatible(
        URI.create("http://127.0.0.1:" + forward.getLocalPort()), accessKey, secretKey);
  }

  public String secretName() {
    return SECRET;
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
