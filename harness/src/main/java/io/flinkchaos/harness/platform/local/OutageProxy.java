package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A TCP forwarder on loopback in front of a local server, which can refuse: while refusing, its
 * port is closed (a connect gets "connection refused") and every open connection is reset. The
 * Flink processes reach the embedded object store through it; the harness's own checks reach the
 * store directly.
 */
final class OutageProxy implements AutoCloseable {

  private final int port;
  private final InetSocketAddress target;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "outage-proxy");
            thread.setDaemon(true);
            return thread;
          });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private ServerSocket listener;

  private OutageProxy(int port, InetSocketAddress target) {
    this.port = port;
    this.target = target;
  }

  /** Forwards {@code 127.0.0.1:port} to {@code 127.0.0.1:targetPort}. */
  static OutageProxy start(int port, int targetPort) {
    OutageProxy proxy =
        new OutageProxy(
            port, new InetSocketAddress(LocalClusterConfiguration.LOOPBACK, targetPort));
    proxy.accept();
    return proxy;
  }

  int port() {
    return port;
  }

  /** Opens the port again after {@link #refuse()}; nothing if it is open. */
  synchronized void accept() {
    if (listener != null) {
      return;
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(
          new InetSocketAddress(InetAddress.getByName(LocalClusterConfiguration.LOOPBACK), port),
          64);
      listener = socket;
      threads.execute(() -> acceptLoop(socket));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the object store's proxy port " + port + " on loopback again", e);
    }
  }

  /**
   * Closes the port and resets every open connection; returns once a connect to the port is refused
   * (a listener closed while its accept thread is blocked may linger for a moment).
   */
  void refuse() {
    synchronized (this) {
      if (listener == null) {
        return;
      }
      closeQuietly(listener);
      listener = null;
      for (Socket socket : open) {
        reset(socket);
      }
    }
    Waits.until(
        "the object store's proxy port " + port + " to refuse connections",
        Duration.ofSeconds(10),
        Duration.ofMillis(20),
        () -> LoopbackPorts.accepting(port),
        accepting -> !accepting);
  }

  synchronized boolean refusing() {
    return listener == null;
  }

  private void acceptLoop(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        if (refusing()) {
          reset(client); // accepted as the port was being closed
          continue;
        }
        Socket upstream = new Socket();
        try {
          upstream.connect(target, 5000);
        } catch (IOException e) {
          reset(client);
          continue;
        }
        open.add(client);
        open.add(upstream);
        threads.execute(() -> pump(client, upstream));
        threads.execute(() -> pump(upstream, client));
      } catch (IOException e) {
        return; // the listener was closed: refusing, or closed for good
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      reset(to);
    } finally {
      open.remove(from);
      closeQuietly(from);
    }
  }

  /** Closes with SO_LINGER 0: the peer sees a reset, as from a dead load balancer. */
  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // closing is what matters
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }

  @Override
  public synchronized void close() {
    refuse();
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "proxy 127.0.0.1:" + port + " -> " + target.getPort();
  }
}
