package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkchaos.harness.job.JobSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's own resources as given ({@code -Dharness.k8s.deployment}, {@code
 * -Dharness.k8s.sessionJob}; both may name the same file): every YAML document of each file, read
 * with fabric8's serialization (Jackson YAML), e.g. a Terraform-rendered FlinkDeployment followed
 * by FlinkSessionJobs. At most one FlinkDeployment, a session cluster (no {@code spec.job}); other
 * kinds are ignored with a log line. Each call hands out a fresh copy, so the originals stay as
 * given.
 */
final class UserResources {

  private static final Logger LOG = LoggerFactory.getLogger(UserResources.class);
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  static final String DEPLOYMENT = "FlinkDeployment";
  static final String SESSION_JOB = "FlinkSessionJob";

  private final GenericKubernetesResource deployment;
  private final List<GenericKubernetesResource> sessionJobs;

  private UserResources(
      GenericKubernetesResource deployment, List<GenericKubernetesResource> sessionJobs) {
    this.deployment = deployment;
    this.sessionJobs = List.copyOf(sessionJobs);
  }

  static UserResources none() {
    return new UserResources(null, List.of());
  }

  /** Reads the files given; a file given for a kind must hold at least one of that kind. */
  static UserResources read(Optional<Path> deploymentFile, Optional<Path> sessionJobFile) {
    return read(deploymentFile, sessionJobFile, ClusterMode.SESSION);
  }

  /**
   * In {@code mode}: a session cluster takes a FlinkDeployment without {@code spec.job} and
   * FlinkSessionJobs; application mode takes a FlinkDeployment, with or without {@code spec.job},
   * and no FlinkSessionJob (its job is the deployment's).
   */
  static UserResources read(
      Optional<Path> deploymentFile, Optional<Path> sessionJobFile, ClusterMode mode) {
    Set<Path> files = new LinkedHashSet<>();
    deploymentFile.ifPresent(files::add);
    sessionJobFile.ifPresent(files::add);
    GenericKubernetesResource deployment = null;
    List<GenericKubernetesResource> sessionJobs = new ArrayList<>();
    for (Path file : files) {
      for (GenericKubernetesResource resource : documents(file)) {
        String kind = resource.getKind();
        if (DEPLOYMENT.equals(kind)) {
          if (deployment != null) {
            throw new IllegalArgumentException(
                file
                    + " holds a second FlinkDeployment ("
                    + name(resource)
                    + " after "
                    + name(deployment)
                    + "): the harness runs one session cluster, keep one");
          }
          if (mode == ClusterMode.SESSION) {
            refuseApplicationMode(file, resource);
          }
          deployment = resource;
        } else if (SESSION_JOB.equals(kind)) {
          if (mode == ClusterMode.APPLICATION) {
            throw new IllegalArgumentException(
                file
                    + ": FlinkSessionJob "
                    + name(resource)
                    + " cannot run in application mode (-D"
                    + K8sSettings.MODE
                    + "=application runs each job as its FlinkDeployment's spec.job): put its"
                    + " jarURI and entryClass into your FlinkDeployment's spec.job, or run with -D"
                    + K8sSettings.MODE
                    + "=session");
          }
          sessionJobs.add(resource);
        } else {
          LOG.info(
              "{}: ignoring {} {}: the harness applies only FlinkDeployment and FlinkSessionJob",
              file,
              kind,
              name(resource));
        }
      }
    }
    if (deploymentFile.isPresent() && deployment == null) {
      throw notFound(deploymentFile.get(), DEPLOYMENT);
    }
    if (sessionJobFile.isPresent() && sessionJobs.isEmpty()) {
      throw notFound(sessionJobFile.get(), SESSION_JOB);
    }
    return new UserResources(deployment, sessionJobs);
  }

  private static void refuseApplicationMode(Path file, GenericKubernetesResource deployment) {
    Object spec = deployment.getAdditionalProperties().get("spec");
    if (spec instanceof Map<?, ?> map && map.get("job") != null) {
      throw new IllegalArgumentException(
          file
              + ": FlinkDeployment "
              + name(deployment)
              + " has spec.job (an application cluster) but the harness runs session mode: run"
              + " with -D"
              + K8sSettings.MODE
              + "=application, or give a session cluster (no spec.job) and the job as a"
              + " FlinkSessionJob");
    }
  }

  private static IllegalArgumentException notFound(Path file, String kind) {
    return new IllegalArgumentException(
        file + " holds no " + kind + " (kinds: " + kinds(file) + "): add one or drop the setting");
  }

  private static List<String> kinds(Path file) {
    return documents(file).stream().map(GenericKubernetesResource::getKind).toList();
  }

  /** Every document of {@code file} as a generic resource; empty documents are skipped. */
  static List<GenericKubernetesResource> documents(Path file) {
    Object parsed;
    try (InputStream in = Files.newInputStream(file)) {
      parsed = YAML.unmarshal(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          file + " is not Kubernetes YAML: " + firstLine(e.getMessage()), e);
    }
    List<Object> items = new ArrayList<>();
    if (parsed instanceof List<?> list) {
      items.addAll(list);
    } else if (parsed != null) {
      items.add(parsed);
    }
    List<GenericKubernetesResource> resources = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof HasMetadata resource) {
        // Typed kinds (a ConfigMap) become generic too: the harness only reads kind and name.
        resources.add(YAML.convertValue(resource, GenericKubernetesResource.class));
      }
    }
    return resources;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  private static String name(GenericKubernetesResource resource) {
    return resource.getMetadata() == null ? "(no name)" : resource.getMetadata().getName();
  }

  /** A copy of the user's FlinkDeployment, if one was given. */
  Optional<GenericKubernetesResource> deployment() {
    return Optional.ofNullable(deployment).map(UserResources::copy);
  }

  /**
   * A copy of the user's FlinkSessionJob for {@code job}: the one whose {@code spec.job.entryClass}
   * is the job's entry class, else the only one given if it names no entry class; empty when none
   * applies (the harness then uses its template and delivers the job's jar itself).
   */
  Optional<GenericKubernetesResource> sessionJobFor(JobSpec job) {
    List<GenericKubernetesResource> matching =
        sessionJobs.stream()
            .filter(r -> job.entryClass().equals(entryClass(r)))
            .map(UserResources::copy)
            .toList();
    if (matching.size() > 1) {
      throw new IllegalArgumentException(
          "several of your FlinkSessionJobs run entry class "
              + job.entryClass()
              + " ("
              + matching.stream().map(UserResources::name).toList()
              + "): keep one per entry class");
    }
    if (matching.size() == 1) {
      return Optional.of(matching.get(0));
    }
    if (sessionJobs.size() == 1 && entryClass(sessionJobs.get(0)) == null) {
      return Optional.of(copy(sessionJobs.get(0)));
    }
    return Optional.empty();
  }

  /**
   * The {@code spec.job} of the user's FlinkDeployment when it runs {@code job} (application mode):
   * its entry class is the job's, or it names none (the jar's manifest decides).
   */
  Optional<Map<String, Object>> deploymentJobFor(JobSpec job) {
    return deployment()
        .map(d -> Tree.map(d.getAdditionalProperties(), "spec"))
        .filter(spec -> spec.get("job") instanceof Map)
        .map(spec -> Tree.map(spec, "job"))
        .filter(
            j -> {
              Object entry = j.get("entryClass");
              return entry == null || entry.toString().isBlank() || job.entryClass().equals(entry);
            });
  }

  /** The {@code jarURI} of the user's FlinkSessionJob for {@code job}, as given. */
  Optional<String> jarUriFor(JobSpec job) {
    return sessionJobFor(job)
        .map(r -> Tree.string(r.getAdditionalProperties(), "spec", "job", "jarURI"))
        .filter(uri -> !uri.isBlank());
  }

  private static String entryClass(GenericKubernetesResource resource) {
    return Tree.string(resource.getAdditionalProperties(), "spec", "job", "entryClass");
  }

  private static GenericKubernetesResource copy(GenericKubernetesResource resource) {
    return YAML.clone(resource);
  }
}
