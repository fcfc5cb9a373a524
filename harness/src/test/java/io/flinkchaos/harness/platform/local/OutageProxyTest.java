package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy in front of the embedded object store, against an echo server on loopback. */
class OutageProxyTest {

  private ServerSocket echo;
  private Thread echoThread;
  private OutageProxy proxy;

  @BeforeEach
  void startEchoServerBehindTheProxy() throws IOException {
    List<Integer> ports = LocalClusterConfiguration.freePorts(2);
    echo = new ServerSocket(ports.get(0), 16, InetAddress.getByName("127.0.0.1"));
    echoThread =
        new Thread(
            () -> {
              while (!echo.isClosed()) {
                try {
                  Socket client = echo.accept();
                  new Thread(() -> echoLines(client)).start();
                } catch (IOException e) {
                  return;
                }
              }
            });
    echoThread.setDaemon(true);
    echoThread.start();
    proxy = OutageProxy.start(ports.get(1), ports.get(0));
  }

  private static void echoLines(Socket client) {
    try (client;
        var in =
            new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        var out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  @Test
  void forwardsUntilItRefusesThenResetsOpenConnectionsAndRefusesNewOnes() throws Exception {
    try (Socket open = connect()) {
      assertThat(roundTrip(open, "before")).isEqualTo("before");

      proxy.refuse();

      assertThat(proxy.refusing()).isTrue();
      assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
      assertThatThrownBy(() -> roundTrip(open, "during")).isInstanceOf(IOException.class);
    }
    proxy.accept();
    try (Socket again = connect()) {
      assertThat(roundTrip(again, "after")).isEqualTo("after");
    }
  }

  private Socket connect() throws IOException {
    return new Socket("127.0.0.1", proxy.port());
  }

  private static String roundTrip(Socket socket, String line) throws IOException {
    socket.setSoTimeout(5000);
    var out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
    out.println(line);
    String answer =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    if (answer == null) {
      throw new IOException("connection closed");
    }
    return answer;
  }
}
