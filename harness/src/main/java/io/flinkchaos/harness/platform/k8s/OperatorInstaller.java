package io.flinkchaos.harness.platform.k8s;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkchaos.harness.wait.Progress;
import io.flinkchaos.harness.wait.Waits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs and upgrades the Flink Kubernetes Operator with Helm (helm-java, no helm binary). The
 * chart archive of a release is fetched from the Apache release directory (downloads.apache.org,
 * then archive.apache.org once a release is superseded) and installed from the file, so the same
 * archive provides the CRDs that {@link #upgrade} replaces first: {@code helm upgrade} never
 * updates CRDs, as the operator's upgrade docs say.
 */
public final class OperatorInstaller {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorInstaller.class);

  public static final String RELEASE = "flink-kubernetes-operator";
  public static final String CHART = "flink-kubernetes-operator";
  static final List<String> RELEASE_DIRECTORIES =
      List.of(
          "https://downloads.apache.org/flink/flink-kubernetes-operator-%s/",
          "https://archive.apache.org/dist/flink/flink-kubernetes-operator-%s/");
  static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(3);
  static final int HELM_TIMEOUT_SECONDS = 600;

  private final KubernetesClient client;
  private final String kubeconfigYaml;
  private final String namespace;
  private final Path workDir;

  public OperatorInstaller(
      KubernetesClient client, String kubeconfigYaml, String namespace, Path workDir) {
    this.client = client;
    this.kubeconfigYaml = kubeconfigYaml;
    this.namespace = namespace;
    this.workDir = workDir;
  }

  /** The chart archive's URLs for {@code version}, in the order they are tried. */
  static List<URI> chartUrls(String version) {
    List<URI> urls = new ArrayList<>();
    for (String directory : RELEASE_DIRECTORIES) {
      urls.add(URI.create(String.format(directory, version) + CHART + "-" + version + "-helm.tgz"));
    }
    return urls;
  }

  /** Installs {@code version} with {@code values} and waits (bounded) until it is ready. */
  public Release install(String version, Map<String, Object> values) {
    Path chart = chart(version);
    LOG.info("Operator {} values: {}", version, values);
    Progress.say(
        "Installing the Flink Kubernetes Operator "
            + version
            + " with Helm into "
            + namespace
            + " (the first run pulls its image)");
    Release release;
    try (Progress.Heartbeat beats =
        Progress.heartbeat(
            "helm install of the operator " + version,
            Duration.ofSeconds(HELM_TIMEOUT_SECONDS),
            () -> PodStates.in(client, namespace))) {
      release =
          Helm.install(chart.toString())
              .withName(RELEASE)
              .withNamespace(namespace)
              .createNamespace()
              .withValuesFile(valuesFile(version, values))
              .withKubeConfigContents(kubeconfigYaml)
              .waitReady()
              .withTimeout(HELM_TIMEOUT_SECONDS)
              .call();
    }
    awaitOperatorReady(version);
    return release;
  }

  /**
   * Upgrades the release to {@code newVersion}: first replaces the CRDs with the new chart's (Helm
   * does not), then {@code helm upgrade} with {@code values}.
   */
  public Release upgrade(String newVersion, Map<String, Object> values) {
    Path chart = chart(newVersion);
    replaceCrds(chart);
    Progress.say("Upgrading the operator's Helm release in " + namespace + " to " + newVersion);
    Release release;
    try (Progress.Heartbeat beats =
        Progress.heartbeat(
            "helm upgrade of the operator to " + newVersion,
            Duration.ofSeconds(HELM_TIMEOUT_SECONDS),
            () -> PodStates.in(client, namespace))) {
      release =
          Helm.upgrade(chart.toString())
              .withName(RELEASE)
              .withNamespace(namespace)
              .withValuesFile(valuesFile(newVersion, values))
              .withKubeConfigContents(kubeconfigYaml)
              .waitReady()
              .withTimeout(HELM_TIMEOUT_SECONDS)
              .call();
    }
    awaitOperatorReady(newVersion);
    return release;
  }

  /** Creates or replaces every CRD in the chart archive (operator upgrade, step one). */
  List<CustomResourceDefinition> replaceCrds(Path chartArchive) {
    List<CustomResourceDefinition> replaced = new ArrayList<>();
    for (CustomResourceDefinition crd : crds(chartArchive)) {
      LOG.info("Replacing CRD {} from {}", crd.getMetadata().getName(), chartArchive);
      crd.getMetadata().setResourceVersion(null);
      replaced.add(
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .resource(crd)
              .createOr(op -> op.update()));
    }
    return replaced;
  }

  public void uninstall() {
    Helm.uninstall(RELEASE)
        .withNamespace(namespace)
        .withKubeConfigContents(kubeconfigYaml)
        .ignoreNotFound()
        .call();
  }

  private void awaitOperatorReady(String version) {
    Waits.until(
        "the Flink Kubernetes Operator "
            + version
            + " Deployment "
            + namespace
            + "/"
            + RELEASE
            + " ready",
        Duration.ofSeconds(HELM_TIMEOUT_SECONDS),
        () -> {
          Deployment d = client.apps().deployments().inNamespace(namespace).withName(RELEASE).get();
          return d == null || d.getStatus() == null
              ? "no status yet"
              : d.getStatus().getReadyReplicas()
                  + " of "
                  + d.getSpec().getReplicas()
                  + " ready; "
                  + PodStates.in(client, namespace);
        },
        s -> s.matches("[1-9]\\d* of \\d+ ready;.*"));
  }

  /** The CRDs in a chart archive ({@code <chart>/crds/*.yml}). */
  static List<CustomResourceDefinition> crds(Path chartArchive) {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    try {
      for (byte[] yaml :
          TarGz.read(chartArchive, n -> n.matches("[^/]+/crds/[^/]+\\.ya?ml")).values()) {
        crds.add(
            Serialization.unmarshal(
                new ByteArrayInputStream(yaml), CustomResourceDefinition.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the chart archive " + chartArchive, e);
    }
    if (crds.isEmpty()) {
      throw new IllegalStateException(
          chartArchive + " holds no crds/*.yml: not a flink-kubernetes-operator chart archive");
    }
    return crds;
  }

  private Path valuesFile(String version, Map<String, Object> values) {
    try {
      Files.createDirectories(workDir);
      Path file = workDir.resolve("operator-" + version + "-values.yaml");
      Files.writeString(file, Serialization.asYaml(values));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Helm values under " + workDir, e);
    }
  }

  /** The chart archive of {@code version}, downloaded once into the work dir. */
  Path chart(String version) {
    Path file = workDir.resolve(CHART + "-" + version + "-helm.tgz");
    if (Files.isRegularFile(file)) {
      return file;
    }
    HttpClient http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
    List<String> failures = new ArrayList<>();
    for (URI url : chartUrls(version)) {
      try {
        Files.createDirectories(workDir);
        Path partial = workDir.resolve(file.getFileName() + ".part");
        HttpResponse<Path> response =
            http.send(
                HttpRequest.newBuilder(url).timeout(DOWNLOAD_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofFile(partial));
        if (response.statusCode() == 200) {
          return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
        failures.add(url + " -> HTTP " + response.statusCode());
      } catch (IOException e) {
        failures.add(url + " -> " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while downloading " + url, e);
      }
    }
    throw new IllegalStateException(
        "cannot download the Flink Kubernetes Operator "
            + version
            + " chart: "
            + String.join("; ", failures)
            + " (check -D"
            + K8sSettings.OPERATOR_VERSION
            + ")");
  }
}
