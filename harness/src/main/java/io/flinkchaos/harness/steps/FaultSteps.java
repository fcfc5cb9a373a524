package io.flinkchaos.harness.steps;

import io.cucumber.java.en.When;
import io.flinkchaos.harness.fault.Fault;
import io.flinkchaos.harness.fault.InjectedFault;
import io.flinkchaos.harness.fault.TaskManagerKill;
import io.flinkchaos.harness.flink.CheckpointObservation;
import java.time.Instant;

/** Steps that inject faults. Each records the job's checkpoints just before the fault. */
public final class FaultSteps {

  private final ScenarioContext context;

  public FaultSteps(ScenarioContext context) {
    this.context = context;
  }

  @When("TaskManager {int} is killed")
  public void taskManagerIsKilled(int index) {
    inject(new TaskManagerKill(index));
  }

  private void inject(Fault fault) {
    CheckpointObservation before = context.cluster().rest().checkpoints(context.job().jobId());
    Instant at = Instant.now();
    fault.inject(context.cluster());
    context.injected(new InjectedFault(fault, at, before));
  }
}
