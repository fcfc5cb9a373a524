@upgrades
Feature: Upgrades keep state and exactly-once output
  Safe evolution is what the operator is for: logic, parallelism and configuration change while
  the job keeps its state. Every upgrade happens mid-stream under one of the operator's upgrade
  modes (FlinkSessionJob semantics), and the committed output must stay exactly-once across the
  boundary.

  @smoke
  Scenario Outline: upgrade from v1 to v2 with upgrade mode <mode>
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to v2 with upgrade mode <mode>
    Then the job restored from the <snapshot> taken by the upgrade
    And the upgraded job completes a checkpoint within 20 s of the upgrade start
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
    And every key switched from v1 to v2 exactly once

    Examples:
      | mode       | snapshot   |
      | savepoint  | savepoint  |
      | last-state | checkpoint |

  Scenario: a stateless upgrade of a stateful job resets its state, and the harness says so
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to v2 with upgrade mode stateless
    Then the job started without state
    And after 3 more checkpoints the verdict is INVALID with state resets

  Scenario Outline: rescale 2 -> 4 -> 1 with upgrade mode <mode>
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is rescaled to 4 with upgrade mode <mode>
    Then the job restored from the <snapshot> taken by the upgrade
    And the upgraded job completes a checkpoint within 20 s of the upgrade start
    And the committed output so far is exactly-once
    When the job is rescaled to 1 with upgrade mode <mode>
    Then the job restored from the <snapshot> taken by the upgrade
    And the upgraded job completes a checkpoint within 20 s of the upgrade start
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

    Examples:
      | mode       | snapshot   |
      | savepoint  | savepoint  |
      | last-state | checkpoint |

  Scenario Outline: a configuration change (checkpoint interval) with upgrade mode <mode>
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the checkpoint interval is changed to 500 ms with upgrade mode <mode>
    Then the job restored from the <snapshot> taken by the upgrade
    And the job checkpoints every 500 ms
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

    Examples:
      | mode       | snapshot   |
      | savepoint  | savepoint  |
      | last-state | checkpoint |

  Scenario Outline: suspend and resume with upgrade mode <mode>
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is suspended with upgrade mode <mode>
    And the job is resumed
    Then after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

    Examples:
      | mode       |
      | savepoint  |
      | last-state |

  Scenario: upgrade while a TaskManager is down
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When TaskManager 2 goes down
    And the job is running again within 30 s
    And the job is upgraded to v2 with upgrade mode last-state
    Then the job restored from the checkpoint taken by the upgrade
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
    And every key switched from v1 to v2 exactly once

  # The job holds its snapshots 2 s (slow-checkpoints): a savepoint of a fast job can complete
  # between two 20 ms polls, and then the kill cannot land in it (a fresh-clone run missed it so).
  Scenario: TaskManager killed while the upgrade savepoint is being taken
    Given a Flink cluster with 2 TaskManagers
    And the slow-checkpoints job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When TaskManager 1 is killed while the job is upgraded to v2 with upgrade mode savepoint
    Then the savepoint upgrade fell back to last-state
    And the upgraded job completes a checkpoint within 30 s of the upgrade start
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
    And every key switched from v1 to v2 exactly once

  Scenario: the user's own job jar under a TaskManager kill
    Given a Flink cluster with 2 TaskManagers
    And the job from jar "fixtures/jobs/target/flink-chaos-fixture-jobs.jar" with entry class "io.flinkchaos.fixtures.SequenceJob" and arguments "--output {output} --keys 16 --rate 500" runs with parallelism 2 and checkpoints every 1 s
    And its output follows the sequence contract with 16 keys
    And at least 3 checkpoints have completed
    When TaskManager 1 is killed
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job id is unchanged
    And the job is running again within 30 s
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
