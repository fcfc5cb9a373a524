package io.flinkchaos.harness.steps;

import io.cucumber.java.en.When;
import io.flinkchaos.harness.check.KafkaCommittedOutput;
import io.flinkchaos.harness.fault.AllTaskManagersDown;
import io.flinkchaos.harness.fault.FaultChoice;
import io.flinkchaos.harness.fault.FaultSchedule;
import io.flinkchaos.harness.fault.FaultSequence;
import io.flinkchaos.harness.fault.JobManagerKillDuringRecovery;
import io.flinkchaos.harness.fault.KafkaBrokerKill;
import io.flinkchaos.harness.fault.Moment;
import io.flinkchaos.harness.fault.ObjectStoreOutage;
import io.flinkchaos.harness.fault.RandomFaultSchedule;
import io.flinkchaos.harness.fault.TaskManagerDown;
import io.flinkchaos.harness.kafka.KafkaService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps that inject faults: each names a fault and its moment and runs that schedule. Each fault
 * records where it landed (see {@code FaultLanding}).
 */
public final class FaultSteps {

  private final ScenarioContext context;

  public FaultSteps(ScenarioContext context) {
    this.context = context;
  }

  @When("TaskManager {int} is killed")
  public void taskManagerIsKilled(int index) {
    context.run(FaultSchedule.now(FaultChoice.killTaskManager(index)));
  }

  @When("a TaskManager running the job is killed")
  public void aTaskManagerRunningTheJobIsKilled() {
    context.run(FaultSchedule.now(FaultChoice.killATaskManagerRunningTheJob()));
  }

  /** All chosen TaskManagers die in the same instant: no restore happens in between. */
  @When("{int} TaskManagers running the job are killed at once")
  public void taskManagersRunningTheJobAreKilledAtOnce(int count) {
    context.run(FaultSchedule.now(FaultChoice.killTaskManagersRunningTheJobAtOnce(count)));
  }

  @When("the JobManager is killed")
  public void jobManagerIsKilled() {
    context.run(FaultSchedule.now(FaultChoice.killTheJobManager()));
  }

  @When("the JobManager is killed again before the job is running")
  public void jobManagerIsKilledAgainBeforeTheJobIsRunning() {
    context.run(new JobManagerKillDuringRecovery());
  }

  @When("TaskManager {int} goes down")
  public void taskManagerGoesDown(int index) {
    context.run(FaultSchedule.now(FaultChoice.takeTaskManagerDown(index)));
  }

  @When("TaskManager {int} comes back")
  public void taskManagerComesBack(int index) {
    context.heal(
        fault -> fault instanceof TaskManagerDown down && down.index() == index,
        "TaskManager "
            + index
            + " is not down in this scenario: 'comes back' follows 'When TaskManager "
            + index
            + " goes down'");
  }

  @When("every TaskManager goes down")
  public void everyTaskManagerGoesDown() {
    context.run(
        FaultSchedule.now(
            FaultChoice.of(new AllTaskManagersDown(context.cluster().spec().taskManagers()))));
  }

  @When("the TaskManagers come back")
  public void theTaskManagersComeBack() {
    context.heal(
        fault -> fault instanceof AllTaskManagersDown,
        "no TaskManager is down in this scenario: 'the TaskManagers come back' follows 'When every"
            + " TaskManager goes down'");
  }

  @When("TaskManager {int} is killed after the next checkpoint")
  public void taskManagerIsKilledAfterTheNextCheckpoint(int index) {
    context.run(
        FaultSchedule.at(Moment.AFTER_THE_NEXT_CHECKPOINT, FaultChoice.killTaskManager(index)));
  }

  @When("a TaskManager running the job is killed after the next checkpoint")
  public void aTaskManagerRunningTheJobIsKilledAfterTheNextCheckpoint() {
    context.run(
        FaultSchedule.at(
            Moment.AFTER_THE_NEXT_CHECKPOINT, FaultChoice.killATaskManagerRunningTheJob()));
  }

  /**
   * Each round kills a TaskManager that runs the job's tasks at that moment and was not killed in
   * an earlier round, once the job ran again after the previous round.
   */
  @When("a TaskManager running the job is killed {int} times, each after a new checkpoint")
  public void aTaskManagerRunningTheJobIsKilledRepeatedly(int times) {
    context.run(
        FaultSequence.repeat(
            times,
            FaultSchedule.at(
                Moment.AFTER_THE_NEXT_CHECKPOINT, FaultChoice.killATaskManagerRunningTheJob())));
  }

  @When("a TaskManager running the job is killed while a checkpoint is in progress")
  public void aTaskManagerRunningTheJobIsKilledWhileACheckpointIsInProgress() {
    context.run(
        FaultSchedule.at(
            Moment.WHILE_A_CHECKPOINT_IS_IN_PROGRESS, FaultChoice.killATaskManagerRunningTheJob()));
  }

  /** SIGSTOP, then SIGCONT after {@code pause}: a long GC pause or a stuck node. */
  @When("a TaskManager running the job is frozen for {duration}")
  public void aTaskManagerRunningTheJobIsFrozen(Duration pause) {
    context.run(FaultSchedule.now(FaultChoice.freezeATaskManagerRunningTheJob(pause)));
  }

  /**
   * On the slow-subtask job, while a checkpoint waits for its slow subtask: freezes a TaskManager
   * that runs only other subtasks, which have acknowledged it (their sinks pre-committed). Whether
   * they had is proven afterwards from Flink: the job restored from that very checkpoint.
   */
  @When("a TaskManager that acknowledged the checkpoint in progress is frozen for {duration}")
  public void aTaskManagerThatAcknowledgedIsFrozen(Duration pause) {
    context.run(
        FaultSchedule.at(
            Moment.WHILE_A_CHECKPOINT_IS_IN_PROGRESS,
            FaultChoice.freezeATaskManagerThatAcknowledged(pause)));
  }

  /**
   * Blackhole routes between the TaskManager and the JobManager (and ZooKeeper with HA), both ways,
   * then deleted: its connections stall instead of breaking. Needs a cluster on separate networks.
   */
  @When("a TaskManager running the job is cut off from the JobManager for {duration}")
  public void aTaskManagerRunningTheJobIsCutOff(Duration length) {
    context.run(FaultSchedule.now(FaultChoice.partitionATaskManagerRunningTheJob(length)));
  }

  /** netem on both ends of the TaskManager's link; needs a kernel with sch_netem. */
  @When("every packet of a TaskManager running the job is delayed by {duration} for {duration}")
  public void aTaskManagerRunningTheJobIsSlowed(Duration each, Duration length) {
    context.run(FaultSchedule.now(FaultChoice.delayATaskManagerRunningTheJob(each, length)));
  }

  /**
   * A seeded random plan over what this cluster can survive (TaskManager kills and short freezes;
   * JobManager kills with HA), each at a random moment. The seed is random unless {@code
   * -Dharness.fault-seed} fixes it, and is logged so a red run can be replayed.
   */
  @When("{int} random faults hit the job")
  public void randomFaultsHitTheJob(int rounds) {
    randomFaultsHitTheJobWithSeed(rounds, context.settings().faultSeed());
  }

  @When("{int} random faults hit the job with seed {long}")
  public void randomFaultsHitTheJobWithSeed(int rounds, long seed) {
    context.run(
        new RandomFaultSchedule(
            seed,
            rounds,
            FaultChoice.randomMenu(
                context.cluster().spec().highAvailability(),
                RANDOM_SHORT_FREEZE,
                dependencyFaults())));
  }

  /**
   * A broker kill when the job writes to Kafka and the harness runs the broker; a short object
   * store stall when the harness runs the cluster's object store; a short partition (and, where the
   * kernel has netem, added latency) when the cluster is on separate networks.
   */
  private List<FaultChoice> dependencyFaults() {
    List<FaultChoice> faults = new ArrayList<>();
    context
        .cluster()
        .network()
        .get()
        .ifPresent(
            network -> {
              faults.add(FaultChoice.partitionATaskManagerRunningTheJob(RANDOM_SHORT_PARTITION));
              if (network.delays().get().isPresent()) {
                faults.add(
                    FaultChoice.delayATaskManagerRunningTheJob(
                        RANDOM_LATENCY, RANDOM_LATENCY_LENGTH));
              }
            });
    boolean onKafka =
        context
            .job()
            .spec()
            .outputContract()
            .map(contract -> KafkaCommittedOutput.isTopic(contract.location()))
            .orElse(false);
    if (onKafka) {
      context
          .platform()
          .kafka()
          .map(KafkaService::faults)
          .get()
          .ifPresent(
              broker -> faults.add(FaultChoice.of(new KafkaBrokerKill(broker, Duration.ZERO))));
    }
    context
        .cluster()
        .storage()
        .outages()
        .get()
        .ifPresent(
            outages ->
                faults.add(
                    FaultChoice.of(
                        new ObjectStoreOutage(
                            ObjectStoreOutage.Kind.STOPS_ANSWERING, RANDOM_STORE_STALL))));
    return faults;
  }

  /** Long enough for checkpoints to pile up behind it, short enough for a random round. */
  static final Duration RANDOM_STORE_STALL = Duration.ofSeconds(3);

  /** Below the 5 s heartbeat timeout of the harness's clusters: no failover. */
  static final Duration RANDOM_SHORT_PARTITION = Duration.ofSeconds(2);

  /** Latency well below the heartbeat timeout, held for a few heartbeats. */
  static final Duration RANDOM_LATENCY = Duration.ofMillis(200);

  static final Duration RANDOM_LATENCY_LENGTH = Duration.ofSeconds(3);

  /** Well below the 5 s heartbeat timeout of the harness's clusters: no failover. */
  static final Duration RANDOM_SHORT_FREEZE = Duration.ofSeconds(2);
}
