package io.flinkchaos.harness.platform.k8s;

import io.flinkchaos.harness.wait.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.k3s.K3sContainer;

/** The k3s container is the node: commands run in it through Docker exec. */
final class K3sNodeShell implements NodeShell {

  private final K3sContainer k3s;
  private final Duration atMost;

  K3sNodeShell(K3sContainer k3s, Duration atMost) {
    this.k3s = k3s;
    this.atMost = atMost;
  }

  @Override
  public String exec(String... command) {
    String line = String.join(" ", command);
    CompletableFuture<ExecResult> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return k3s.execInContainer(command);
              } catch (IOException e) {
                throw new IllegalStateException("cannot run '" + line + "' in k3s: " + e, e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted running '" + line + "' in k3s", e);
              }
            });
    ExecResult result;
    try {
      result = run.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      run.cancel(true);
      throw new IllegalStateException(
          "'" + line + "' in the k3s container did not finish within " + Waits.format(atMost));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running '" + line + "' in k3s", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("'" + line + "' in k3s failed: " + e.getCause(), e);
    }
    if (result.getExitCode() != 0) {
      throw new IllegalStateException(
          "'"
              + line
              + "' in the k3s container exited with "
              + result.getExitCode()
              + ": "
              + OperatorStatus.oneLine(result.getStderr()));
    }
    return result.getStdout();
  }
}
