package io.flinkchaos.harness.steps;

import io.cucumber.java.en.When;
import io.flinkchaos.harness.platform.k8s.KubernetesFaults;

/** Faults of the Kubernetes platforms (k3s, kubeconfig); on the local platform they say so. */
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
}
