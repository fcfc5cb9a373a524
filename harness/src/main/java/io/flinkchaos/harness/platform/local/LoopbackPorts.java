package io.flinkchaos.harness.platform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the harness's own listeners (REST, RPC, ZooKeeper, S3, Kafka), chosen below the
 * kernel's ephemeral range. A port taken from that range is free only until some process binds port
 * 0 or opens a connection: a TaskManager starting next to its JobManager once took the REST port
 * the JobManager had not bound yet, and the cluster never became ready (the REST probe met a Pekko
 * endpoint: "Channel became inactive"). Below the range only an explicit bind takes a port.
 */
final class LoopbackPorts {

  static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LOWEST = 10000;

  private LoopbackPorts() {}

  /**
   * {@code count} distinct ports free on loopback right now, each held until all are chosen.
   *
   * @throws UncheckedIOException if fewer than {@code count} ports are free below the ephemeral
   *     range
   */
  static List<Integer> reserve(int count) {
    int[] range = candidateRange(EPHEMERAL_RANGE);
    List<ServerSocket> held = new ArrayList<>();
    try {
      int size = range[1] - range[0] + 1;
      int start = ThreadLocalRandom.current().nextInt(size);
      for (int i = 0; i < size && held.size() < count; i++) {
        int port = range[0] + (start + i) % size;
        ServerSocket socket = tryBind(port);
        if (socket != null) {
          held.add(socket);
        }
      }
      if (held.size() < count) {
        throw new UncheckedIOException(
            new IOException(
                "only "
                    + held.size()
                    + " of "
                    + count
                    + " ports free on "
                    + LocalClusterConfiguration.LOOPBACK
                    + " in "
                    + range[0]
                    + ".."
                    + range[1]
                    + "; stop leftover processes (see `ss -ltnp`) and run again"));
      }
      return held.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      held.forEach(LoopbackPorts::closeQuietly);
    }
  }

  /**
   * The ports to choose from: {@value #LOWEST} up to just below the ephemeral range read from
   * {@code rangeFile} ("32768 60999" on Linux by default); the range is assumed to start at 32768
   * where the file cannot be read (not Linux).
   */
  static int[] candidateRange(Path rangeFile) {
    int ephemeralLow = 32768;
    try {
      // readAllLines, not readString: on this machine's kernel readString returned only the first
      // byte of the /proc file ("3").
      String[] fields = Files.readAllLines(rangeFile).get(0).trim().split("\\s+");
      ephemeralLow = Integer.parseInt(fields[0]);
    } catch (IOException | RuntimeException e) {
      // keep the Linux default
    }
    int high = ephemeralLow - 1;
    int low = Math.min(LOWEST, high - 1000);
    if (low < 1024) {
      throw new IllegalStateException(
          "the ephemeral port range in "
              + rangeFile
              + " starts at "
              + ephemeralLow
              + ", leaving no room below it for the harness's ports; raise its lower bound to 20000"
              + " or more");
    }
    return new int[] {low, high};
  }

  /** Whether something accepts a TCP connection at {@code 127.0.0.1:port} within 500 ms. */
  static boolean accepting(int port) {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress(LocalClusterConfiguration.LOOPBACK, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static ServerSocket tryBind(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      try {
        socket.bind(
            new InetSocketAddress(InetAddress.getByName(LocalClusterConfiguration.LOOPBACK), port),
            1);
        return socket;
      } catch (IOException e) {
        closeQuietly(socket);
        return null;
      }
    } catch (IOException e) {
      return null;
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // the port is free again either way
    }
  }
}
