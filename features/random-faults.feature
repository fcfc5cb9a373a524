Feature: Random faults, replayable by their seed
  A seeded random schedule draws each fault (a TaskManager running the job killed or frozen for
  2 s; on a highly available cluster also the JobManager killed) and its moment (now, right after
  the next checkpoint, while a checkpoint is in progress). Each round waits until the job runs
  again after the previous one. The seed and the drawn plan are in the timeline; the same seed
  replays the same plan: -Dharness.fault-seed=<seed>, or "… with seed <seed>" in the step.
  The job is the correct sequence job with its snapshots held 2 s (slow-checkpoints), so "while a
  checkpoint is in progress" can land: the plain job's checkpoints complete too fast to hit.

  @extended
  Scenario: three random faults hit the job, each at a random moment
    Given a Flink cluster with 4 TaskManagers of 1 slot each
    And the slow-checkpoints job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When 3 random faults hit the job
    Then the job is running again within 30 s
    And the job id is unchanged
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  @extended
  Scenario: four random faults, the JobManager among the candidates, on a highly available cluster
    Given a highly available Flink cluster with 4 TaskManagers
    And the slow-checkpoints job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When 4 random faults hit the job
    Then the job is running again within 60 s
    And the job id is unchanged
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  # On the Kafka pipeline the menu also holds a SIGKILL of the harness's broker (restarted on its
  # data); on the S3 suite, a 3 s stall of the object store.
  @extended @kafka
  Scenario: three random faults on the Kafka pipeline, the broker among the candidates
    Given a Flink cluster with 4 TaskManagers of 1 slot each
    And the slow-checkpoints job runs on Kafka with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When 3 random faults hit the job with seed 20261203
    Then the job is running again within 30 s
    And the job id is unchanged
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  # On a cluster on separate networks the menu also holds a 2 s partition of a TaskManager from
  # the JobManager. Seed 20261202 draws two of them (one while a checkpoint is in progress) and a
  # freeze.
  @extended @network
  Scenario: three random faults on separate networks, a partition among the candidates
    Given a Flink cluster with 4 TaskManagers of 1 slot each on separate networks
    And the slow-checkpoints job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When 3 random faults hit the job with seed 20261202
    Then the job is running again within 30 s
    And the job id is unchanged
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
