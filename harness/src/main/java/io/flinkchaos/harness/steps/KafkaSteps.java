package io.flinkchaos.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.flinkchaos.harness.check.AnomalyCategory;
import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.KafkaCommittedOutput;
import io.flinkchaos.harness.check.SequenceChecker;
import io.flinkchaos.harness.fault.FaultChoice;
import io.flinkchaos.harness.fault.FaultSchedule;
import io.flinkchaos.harness.fault.KafkaBrokerKill;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.JobVariant;
import io.flinkchaos.harness.job.OutputContract;
import io.flinkchaos.harness.job.SequenceJobs;
import io.flinkchaos.harness.kafka.BrokerFaults;
import io.flinkchaos.harness.kafka.KafkaService;
import io.flinkchaos.harness.kafka.KafkaTopics;
import io.flinkchaos.harness.kafka.SequenceFeeder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Kafka pipeline: input and output topics, the feeder writing per-key sequences into the input,
 * the broker's faults, and what readers of the output topic see.
 */
public final class KafkaSteps {

  /** Partitions of each topic: more than the job's parallelism, so readers share them. */
  static final int PARTITIONS = 4;

  private static final AtomicInteger PIPELINES = new AtomicInteger();
  private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);

  private final ScenarioContext context;

  public KafkaSteps(ScenarioContext context) {
    this.context = context;
  }

  @Given("the {job} job runs on Kafka with parallelism {int} and checkpoints every {duration}")
  public void theJobRunsOnKafka(JobVariant variant, int parallelism, Duration interval) {
    deploy(variant, parallelism, interval, null);
  }

  @Given(
      "the {job} job runs on Kafka with parallelism {int}, checkpoints every {duration} and a"
          + " transaction timeout of {duration}")
  public void theJobRunsOnKafkaWithTransactionTimeout(
      JobVariant variant, int parallelism, Duration interval, Duration transactionTimeout) {
    deploy(variant, parallelism, interval, transactionTimeout);
  }

  private void deploy(
      JobVariant variant, int parallelism, Duration interval, Duration transactionTimeout) {
    KafkaService kafka = context.platform().kafka().require("run the Kafka pipeline");
    String base = "fc-" + RUN + "-" + PIPELINES.incrementAndGet() + "-" + variant.label();
    var topics =
        new SequenceJobs.KafkaTopicsOfJob(kafka.bootstrapServers(), base + "-in", base + "-out");
    KafkaTopics.create(
        kafka.bootstrapServers(), PARTITIONS, List.of(topics.input(), topics.output()));
    SequenceFeeder feeder =
        SequenceFeeder.start(
            kafka.bootstrapServers(),
            topics.input(),
            SequenceJobs.KEYS,
            SequenceJobs.RECORDS_PER_SECOND);
    context.closeAtEnd(feeder);
    context.log(
        "feeding "
            + SequenceJobs.KEYS
            + " keys at "
            + SequenceJobs.RECORDS_PER_SECOND
            + " records/s into "
            + topics.input()
            + " ("
            + PARTITIONS
            + " partitions) at "
            + kafka.bootstrapServers()
            + "; output topic "
            + topics.output());
    URI witnessBase = context.cluster().storage().newOutputLocation("kafka-" + variant.label());
    JobSpec spec =
        SequenceJobs.kafkaSpec(
            variant, context.fixturesJar(), topics, witnessBase, parallelism, interval);
    if (transactionTimeout != null) {
      spec = spec.withArg("transaction-timeout-ms", Long.toString(transactionTimeout.toMillis()));
    }
    JobSteps.deploy(context, spec);
  }

  @When("the Kafka broker is killed and restarted")
  public void theBrokerIsKilledAndRestarted() {
    context.run(
        FaultSchedule.now(FaultChoice.of(new KafkaBrokerKill(brokerFaults(), Duration.ZERO))));
  }

  @When("the Kafka broker is killed and stays down for {duration}")
  public void theBrokerIsKilledAndStaysDown(Duration downFor) {
    context.run(FaultSchedule.now(FaultChoice.of(new KafkaBrokerKill(brokerFaults(), downFor))));
  }

  private BrokerFaults brokerFaults() {
    return context.platform().kafka().map(KafkaService::faults).require("kill the Kafka broker");
  }

  /**
   * Transactions the job has not committed yet (and any it aborted) are in the topic too: a
   * read_uncommitted consumer counts them, a read_committed one does not. Read committed, then
   * uncommitted: the uncommitted reader sees more records, and duplicates (records a failover made
   * the job write again) that the committed reader never sees.
   */
  @Then(
      "a read_uncommitted reader of the output topic sees records a read_committed reader does not")
  public void readUncommittedSeesMore() {
    OutputContract contract = Verification.contractOf(context.job());
    KafkaCommittedOutput committed = KafkaCommittedOutput.at(contract.location());
    SequenceChecker checker = SequenceChecker.anyKeys();
    // Committed first: the job keeps committing, so the later uncommitted read holds everything
    // the committed one saw (a CI run read them the other way round and the committed view, read
    // later, held more).
    CheckResult committedView = checker.check(committed);
    CheckResult uncommittedView =
        checker.check(committed.withIsolation(KafkaCommittedOutput.Isolation.READ_UNCOMMITTED));
    context.checked(committedView);
    context.log("read_committed:   " + committedView.summary());
    context.log("read_uncommitted: " + uncommittedView.summary());
    assertThat(uncommittedView.records())
        .as("records seen read_uncommitted vs read_committed")
        .isGreaterThan(committedView.records());
    assertThat(committedView.recordsByCategory().getOrDefault(AnomalyCategory.DUPLICATED, 0L))
        .as("duplicates read_committed: " + committedView.summary())
        .isZero();
    assertThat(uncommittedView.recordsByCategory().getOrDefault(AnomalyCategory.DUPLICATED, 0L))
        .as("duplicates read_uncommitted (aborted records a failover wrote again)")
        .isPositive();
  }
}
