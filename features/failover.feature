@failover
Feature: JobManager failover with high availability
  With ZooKeeper HA (Kubernetes HA on Kubernetes), a JobManager that dies without warning is
  replaced, the new leader recovers the job with the same job id from its latest checkpoint, and
  the committed output stays exactly-once.

  @smoke
  Scenario: JobManager killed mid-stream
    Given a highly available Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the JobManager is killed
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job id is unchanged
    And the job is running again within 45 s
    And a new checkpoint completes within 45 s of the fault
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  Scenario: JobManager killed right after a checkpoint, then a TaskManager
    Given a highly available Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the JobManager is killed
    Then the job is running again within 45 s
    When a TaskManager running the job is killed after the next checkpoint
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job id is unchanged
    And a new checkpoint completes within 30 s of the fault
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  Scenario: JobManager killed again while it recovers
    Given a highly available Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the JobManager is killed
    And the JobManager is killed again before the job is running
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job id is unchanged
    And the job is running again within 60 s
    And a new checkpoint completes within 60 s of the fault
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  # Without HA a restarted JobManager keeps no job (Flink's docs: "running programs fail"): the
  # harness reports the loss as INVALID at once, naming the checkpoint the job could have been
  # resumed from, instead of timing out.
  Scenario: JobManager killed without HA: the job is lost, and the harness says so
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the JobManager is killed
    Then the job is lost, naming the last checkpoint it could have been resumed from
