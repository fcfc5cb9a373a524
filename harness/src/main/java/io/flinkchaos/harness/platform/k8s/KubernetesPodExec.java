package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.flinkchaos.harness.wait.Waits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link PodExec} through the API server's exec subresource (fabric8). */
final class KubernetesPodExec implements PodExec {

  private final KubernetesClient client;
  private final String namespace;

  KubernetesPodExec(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  @Override
  public String run(String pod, String container, List<String> command, Duration atMost) {
    String where = namespace + "/" + pod + " (" + container + ")";
    // "kill 1" for sh -c "kill 1", else the program's name
    String what =
        command.size() == 3 && command.get(0).equals("sh") ? command.get(2) : command.get(0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ExecWatch exec =
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod)
            .inContainer(container)
            .writingOutput(out)
            .writingError(err)
            .exec(command.toArray(String[]::new))) {
      Integer code = exec.exitCode().get(atMost.toMillis(), TimeUnit.MILLISECONDS);
      String output = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
      if (code != null && code != 0) {
        throw new IllegalStateException(
            what + " in " + where + " exited with " + code + ": " + tail(output));
      }
      return output;
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          what + " in " + where + " did not end within " + Waits.format(atMost));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + what + " in " + where, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " in " + where + " failed: " + e.getCause(), e);
    }
  }

  /** The last lines of {@code output}, on one line. */
  static String tail(String output) {
    List<String> lines = output.strip().lines().toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }
}
