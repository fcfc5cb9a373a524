package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the harness adds inside pods' network namespaces, entered from the node: {@code nsenter -t
 * <PID> -n ip route replace <type> <address>/32} with the PID of any running container of the pod
 * ({@link NodePids}; all containers of a pod share its network namespace, which belongs to the pod
 * and outlives a container restart). Only the network namespace is entered, so {@code ip} is the
 * node's, not the pod image's: the k3s image ships util-linux's {@code nsenter} and iproute2's
 * {@code ip} (k3s-io/k3s-root scripts/package copies {@code usr/bin/nsenter} and {@code sbin/ip}
 * into the image's bin; buildroot/config sets {@code BR2_PACKAGE_UTIL_LINUX_NSENTER} and {@code
 * BR2_PACKAGE_IPROUTE2}).
 *
 * <p>Types: {@code blackhole} drops packets silently (established connections stall), {@code
 * prohibit} makes the pod's own connects and sends to the address fail at once with EACCES.
 * Deleting reads the pod's routes first ({@code ip route show type <type>}, which iproute2 prints
 * as {@code <type> <address> …}, the type shown because the filter asks for it: ip/iproute.c {@code
 * print_route}) and deletes only a route still there, so a delete is idempotent. A pod that is gone
 * took its namespace and the routes with it: nothing to do. A pod that still exists but runs no
 * container right now (its container restarting) cannot be entered: the delete fails with one line
 * and the route stays remembered, for the after-hook's heal to try again.
 */
final class PodRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(PodRoutes.class);

  /** A route of {@code type} to {@code address}/32 in {@code pod}'s network namespace. */
  record Route(String pod, String type, String address) {

    @Override
    public String toString() {
      return type + " " + address + "/32 in pod " + pod;
    }
  }

  private final NodePids pids;
  private final KubernetesClient client;
  private final Set<Route> added = new LinkedHashSet<>();

  PodRoutes(NodePids pids, KubernetesClient client) {
    this.pids = pids;
    this.client = client;
  }

  /** Adds {@code route} (replacing one to the same address); fails if no container of it runs. */
  synchronized void add(Route route) {
    String pid =
        pids.ofPod(route.pod())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "cannot add the route "
                            + route
                            + ": no running container of pod "
                            + pids.namespace()
                            + "/"
                            + route.pod()
                            + " on the node"));
    ip(pid, "replace", route);
    added.add(route);
    LOG.info("Added {} (PID {} on the node)", route, pid);
  }

  /**
   * Deletes {@code route} if this added it and it is still there; false when there was nothing to
   * delete (never added, or its pod is gone with its namespace).
   */
  synchronized boolean delete(Route route) {
    if (!added.contains(route)) {
      return false;
    }
    Optional<String> pid = pids.ofPod(route.pod());
    if (pid.isEmpty()) {
      if (exists(route.pod())) {
        throw new IllegalStateException(
            "cannot delete the route "
                + route
                + ": pod "
                + pids.namespace()
                + "/"
                + route.pod()
                + " still exists but runs no container on the node to enter; the route stays until"
                + " a container runs again or the pod is deleted");
      }
      added.remove(route);
      LOG.info("Not deleting {}: the pod is gone, and its network namespace with it", route);
      return false;
    }
    boolean there =
        pids.node()
            .exec("nsenter", "-t", pid.get(), "-n", "ip", "route", "show", "type", route.type())
            .lines()
            .map(line -> List.of(line.strip().split("\\s+")))
            .anyMatch(
                words ->
                    words.contains(route.address()) || words.contains(route.address() + "/32"));
    if (there) {
      ip(pid.get(), "del", route);
      LOG.info("Deleted {} (PID {} on the node)", route, pid.get());
    } else {
      LOG.info("Not deleting {}: it is no longer in the pod's routes", route);
    }
    added.remove(route);
    return there;
  }

  /** The routes added and not deleted yet, in the order they were added. */
  synchronized List<Route> added() {
    return new ArrayList<>(added);
  }

  private void ip(String pid, String verb, Route route) {
    pids.node()
        .exec(
            "nsenter", "-t", pid, "-n", "ip", "route", verb, route.type(), route.address() + "/32");
  }

  /** Whether {@code pod} exists and is not being deleted (its sandbox then goes too). */
  private boolean exists(String pod) {
    Pod found = client.pods().inNamespace(pids.namespace()).withName(pod).get();
    return found != null && found.getMetadata().getDeletionTimestamp() == null;
  }
}
