package io.flinkchaos.harness.platform.k8s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fake: a node whose containerd runs one container per pod, answering the commands {@link
 * NodePids}, {@link PodFreezer} and {@link PodRoutes} send as the real tools print them: crictl ids
 * one a line for {@code ps -q} and the template's value for {@code inspect}
 * (kubernetes-sigs/cri-tools cmd/crictl/container.go); for {@code nsenter -t PID -n ip route
 * replace|del|show type T} the pod's own route table, {@code show} printing {@code <type> <address>
 * } per route as iproute2's ip/iproute.c {@code print_route} does when the filter names the type
 * (no {@code /32} for a host route); {@code del} of a missing route fails as ip does ("RTNETLINK
 * answers: No such process"). A pod's network namespace is the pod's: a restarted container (new
 * id, new PID) sees the same routes; a pod {@link #gone} has no running container. Records every
 * command.
 */
final class FakeNodeShell implements NodeShell {

  final List<String> commands = new ArrayList<>();
  private final Map<String, String> containerOf = new HashMap<>();
  private final Map<String, String> pidOf = new HashMap<>();
  private final Map<String, String> podOfPid = new HashMap<>();
  private final Map<String, Set<String>> routesOf = new HashMap<>();
  private final Map<String, String> containerNameOf = new HashMap<>();

  /** The pod's container is (now) {@code containerId}, PID {@code pid} on the node. */
  void runs(String pod, String containerId, int pid) {
    containerNameOf.remove(pod);
    register(pod, containerId, pid);
  }

  /**
   * As {@link #runs(String, String, int)}, the container named {@code name}: {@code crictl ps
   * --name} then finds it only by that name.
   */
  void runs(String pod, String name, String containerId, int pid) {
    containerNameOf.put(pod, name);
    register(pod, containerId, pid);
  }

  private void register(String pod, String containerId, int pid) {
    containerOf.put(pod, containerId);
    pidOf.put(containerId, Integer.toString(pid));
    podOfPid.put(Integer.toString(pid), pod);
    routesOf.computeIfAbsent(pod, p -> new LinkedHashSet<>());
  }

  /** No container of the pod runs (the pod was replaced, or its container is restarting). */
  void gone(String pod) {
    containerOf.remove(pod);
  }

  /** The routes in {@code pod}'s network namespace, as "type address/32". */
  Set<String> routes(String pod) {
    return routesOf.getOrDefault(pod, Set.of());
  }

  /** A route someone else deleted. */
  void deleteRoute(String pod, String route) {
    routesOf.get(pod).remove(route);
  }

  @Override
  public String exec(String... command) {
    List<String> words = List.of(command);
    commands.add(String.join(" ", words));
    if (words.subList(0, 3).equals(List.of("k3s", "crictl", "ps"))) {
      String label = words.get(words.indexOf("--label") + 1);
      String pod = label.substring("io.kubernetes.pod.name=".length());
      String name = containerNameOf.get(pod);
      boolean named =
          name == null
              || !words.contains("--name")
              || words.get(words.indexOf("--name") + 1).equals("^" + name + "$");
      return containerOf.containsKey(pod) && named ? containerOf.get(pod) + "\n" : "";
    }
    if (words.subList(0, 3).equals(List.of("k3s", "crictl", "inspect"))) {
      return pidOf.get(words.get(words.size() - 1)) + "\n";
    }
    if (words.get(0).equals("kill")) {
      return "";
    }
    if (words.get(0).equals("nsenter")
        && words.subList(3, 6).equals(List.of("-n", "ip", "route"))) {
      return route(words.get(2), words.subList(6, words.size()));
    }
    throw new IllegalStateException(
        "the fake node does not know '" + String.join(" ", words) + "'");
  }

  private String route(String pid, List<String> args) {
    String pod = podOfPid.get(pid);
    if (pod == null || !pid.equals(pidOf.get(containerOf.get(pod)))) {
      throw new IllegalStateException("nsenter: no process " + pid + " on the fake node");
    }
    Set<String> routes = routesOf.get(pod);
    switch (args.get(0)) {
      case "replace" -> {
        routes.add(args.get(1) + " " + args.get(2));
        return "";
      }
      case "del" -> {
        if (!routes.remove(args.get(1) + " " + args.get(2))) {
          throw new IllegalStateException(
              "'ip route del' in the fake node exited with 2: RTNETLINK answers: No such process");
        }
        return "";
      }
      case "show" -> {
        StringBuilder out = new StringBuilder();
        for (String route : routes) {
          String[] typeAndPrefix = route.split(" ");
          if (typeAndPrefix[0].equals(args.get(2))) {
            out.append(typeAndPrefix[0])
                .append(' ')
                .append(typeAndPrefix[1].replace("/32", ""))
                .append(" \n");
          }
        }
        return out.toString();
      }
      default -> throw new IllegalStateException("the fake ip does not know route " + args);
    }
  }
}
