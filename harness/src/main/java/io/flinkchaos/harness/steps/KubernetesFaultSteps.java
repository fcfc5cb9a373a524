package io.flinkchaos.harness.steps;

import io.cucumber.java.en.When;
import io.flinkchaos.harness.platform.k8s.KubernetesFaults;
import io.flinkchaos.harness.platform.k8s.KubernetesPlatform;
import java.time.Duration;
import java.time.Instant;

/**
 * Faults and changes of the Kubernetes control plane (k3s, kubeconfig): the operator's pod, a
 * container's main process, the operator's own version. Scenarios using them are tagged
 * {@code @kubernetes} and skipped on the local platform.
 */
public final class KubernetesFaultSteps {

  private final ScenarioContext context;

  public KubernetesFaultSteps(ScenarioContext context) {
    this.context = context;
  }

  @When("the operator pod is killed")
  public void operatorPodIsKilled() {
    context.inject(new KubernetesFaults.OperatorPodKill());
  }

  @When("the JobManager process is killed in its container")
  public void jobManagerProcessIsKilled() {
    context.inject(new KubernetesFaults.JobManagerProcessKill());
  }

  /** Helm upgrade of the operator (CRDs replaced first) while the job keeps running. */
  @When("the operator is upgraded to {string}")
  public void operatorIsUpgradedTo(String version) {
    if (!(context.platform() instanceof KubernetesPlatform kubernetes)) {
      throw KubernetesFaults.needsKubernetes("the operator is upgraded");
    }
    Instant start = Instant.now();
    kubernetes.upgradeOperator(version);
    context.log(
        "operator upgraded to "
            + version
            + " in "
            + Duration.between(start, Instant.now()).toMillis()
            + " ms");
  }
}
