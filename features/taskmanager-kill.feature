Feature: A job survives TaskManager loss
  A TaskManager disappears without warning (SIGKILL locally, a pod deleted with grace period 0
  on Kubernetes). Flink must restore the job from its latest checkpoint, and the committed output
  must stay exactly-once: no gaps, no duplicates, no state resets.

  @smoke
  Scenario: TaskManager killed mid-stream
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When TaskManager 1 is killed
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job is running again within 30 s
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  # Each round kills a TaskManager not killed before (nor its replacement): with one slot each,
  # 3 rounds need 3 task-running TaskManagers, and a spare so the job can always be placed.
  # @extended since the network partition joined the default run (70 s; the budget).
  @extended
  Scenario: TaskManager killed three times, each time after a new checkpoint
    Given a Flink cluster with 4 TaskManagers of 1 slot each
    And the sequence job runs with parallelism 3 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When a TaskManager running the job is killed 3 times, each after a new checkpoint
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job id is unchanged
    And the job is running again within 30 s
    And a new checkpoint completes within 30 s of the fault
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  @extended
  Scenario: two TaskManagers running the job killed one after the other
    Given a Flink cluster with 3 TaskManagers of 1 slot each
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When a TaskManager running the job is killed
    And a TaskManager running the job is killed
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job id is unchanged
    And the job is running again within 30 s
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  @extended
  Scenario: two TaskManagers running the job killed at once
    Given a Flink cluster with 3 TaskManagers of 1 slot each
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When 2 TaskManagers running the job are killed at once
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job id is unchanged
    And the job is running again within 60 s
    And a new checkpoint completes within 60 s of the fault
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  # A lost node pool: on a standalone Kubernetes cluster its TaskManager Deployment is scaled to
  # zero and back; elsewhere every TaskManager is taken down and brought back.
  @extended
  Scenario: every TaskManager lost at once (a lost node pool), then back
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When every TaskManager goes down
    And the TaskManagers come back
    Then the job restores from a checkpoint at least as recent as the last one completed before the fault
    And the job id is unchanged
    And the job is running again within 60 s
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
