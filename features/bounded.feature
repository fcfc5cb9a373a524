@bounded
Feature: Bounded runs end with every record exactly once
  Jepsen's final read: the sequence job emits exactly N records per key and ends FINISHED, so the
  final check can require every key's seqs 0..N-1 exactly once. A job that stalls, loses its tail
  or stops short after the fault cannot pass it, whatever the witnesses saw mid-stream.

  Scenario: a bounded run survives a TaskManager kill
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2, checkpoints every 1 s and 250 records per key
    And at least 3 checkpoints have completed
    When a TaskManager running the job is killed
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job finishes within 90 s
    And the final output has every key's records exactly once

  Scenario: a bounded run upgraded from v1 to v2 with upgrade mode last-state
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2, checkpoints every 1 s and 250 records per key
    And at least 3 checkpoints have completed
    When the job is upgraded to v2 with upgrade mode last-state
    Then the job restored from the checkpoint taken by the upgrade
    And the job finishes within 90 s
    And the final output has every key's records exactly once
    And every key switched from v1 to v2 exactly once

  @extended
  Scenario: a bounded run survives a JobManager failover
    Given a highly available Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2, checkpoints every 1 s and 250 records per key
    And at least 3 checkpoints have completed
    When the JobManager is killed
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job id is unchanged
    And the job finishes within 90 s
    And the final output has every key's records exactly once
