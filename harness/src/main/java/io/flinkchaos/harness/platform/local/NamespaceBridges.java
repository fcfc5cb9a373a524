package io.flinkchaos.harness.platform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bridges {@code fcc<n>} the harness owns on this machine, one per cluster on separate
 * networks, and their namespaces {@code fcc<n>-<process>}: claiming a free one, tagged with this
 * JVM's pid in its alias; deleting one; and sweeping those whose owning JVM is gone.
 */
final class NamespaceBridges {

  static final String PREFIX = "fcc";
  private static final String OWNER_ALIAS = "flink-chaos pid ";
  private static final Pattern BRIDGE_LINE =
      Pattern.compile("^\\d+: (" + PREFIX + "(\\d+)):.*?alias " + OWNER_ALIAS + "(\\d+)");
  private static final int MAX_SUBNETS = 250;

  private NamespaceBridges() {}

  static String name(int subnet) {
    return PREFIX + subnet;
  }

  static String namespace(int subnet, String process) {
    return name(subnet) + "-" + process;
  }

  /**
   * Creates the first free bridge {@code fcc<n>}, tagged with this JVM's pid; {@code ip link add}
   * refuses a name that exists, so two runs never share one.
   */
  static int claim() {
    for (int subnet = 1; subnet <= MAX_SUBNETS; subnet++) {
      ShortCommand.Result added =
          IpCommand.attempt("ip", "link", "add", name(subnet), "type", "bridge");
      if (added.succeeded()) {
        IpCommand.run(
            "ip",
            "link",
            "set",
            name(subnet),
            "alias",
            OWNER_ALIAS + ProcessHandle.current().pid());
        return subnet;
      }
      if (!added.output().contains("exists")) {
        throw new IllegalStateException(
            "cannot create the bridge " + name(subnet) + ": " + added.output().strip());
      }
    }
    throw new IllegalStateException(
        "no free bridge name "
            + PREFIX
            + "1.."
            + PREFIX
            + MAX_SUBNETS
            + ": delete stale ones with 'ip link del "
            + PREFIX
            + "<n>'");
  }

  /** Removes the bridges (and their namespaces) whose owning JVM is gone. */
  static void removeLeftovers(Consumer<String> events) {
    String bridges = IpCommand.run("ip", "-o", "link", "show", "type", "bridge");
    for (String line : bridges.split("\n")) {
      Matcher m = BRIDGE_LINE.matcher(line);
      if (m.find() && ProcessHandle.of(Long.parseLong(m.group(3))).isEmpty()) {
        delete(Integer.parseInt(m.group(2)));
        events.accept(
            "removed " + m.group(1) + ", left by a run (pid " + m.group(3) + ") that ended");
      }
    }
  }

  /**
   * Deletes bridge {@code fcc<subnet>} and its namespaces; the processes in them must have ended.
   */
  static void delete(int subnet) {
    Path namespaces = Path.of("/run/netns");
    if (Files.isDirectory(namespaces)) {
      try (var names = Files.list(namespaces)) {
        names
            .map(p -> p.getFileName().toString())
            .filter(name -> name.startsWith(namespace(subnet, "")))
            .forEach(name -> IpCommand.attempt("ip", "netns", "del", name));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + namespaces, e);
      }
    }
    IpCommand.attempt("ip", "link", "del", name(subnet));
  }
}
