@sql
Feature: SQL jobs under faults and upgrades
  Teams change business logic as SQL too. The SQL sequence job (fixtures/sql) is a statement file
  run by the SQL runner jar: the sequence source as a table, a per-key running count (an OVER
  aggregation) and the filesystem connector committing key,seq,count,version lines on checkpoint,
  so the same output checker applies. SQL submitted as text sets no uids: Flink derives operator
  ids from the plan's shape, so a changed query keeps its state only where the shape stays.

  Scenario: TaskManager killed under the SQL job
    Given a Flink cluster with 2 TaskManagers
    And the SQL job "fixtures/sql/running-count-v1.sql" runs with parallelism 2 and checkpoints every 1 s
    And its output follows the sequence contract with 64 keys
    And at least 3 checkpoints have completed
    When a TaskManager running the job is killed
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job is running again within 30 s
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  @extended
  Scenario: JobManager killed under the SQL job
    Given a highly available Flink cluster with 2 TaskManagers
    And the SQL job "fixtures/sql/running-count-v1.sql" runs with parallelism 2 and checkpoints every 1 s
    And its output follows the sequence contract with 64 keys
    And at least 3 checkpoints have completed
    When the JobManager is killed
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job id is unchanged
    And the job is running again within 45 s
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  Scenario: a compatible query change keeps the running counts
    Given a Flink cluster with 2 TaskManagers
    And the SQL job "fixtures/sql/running-count-v1.sql" runs with parallelism 2 and checkpoints every 1 s
    And its output follows the sequence contract with 64 keys
    And at least 3 checkpoints have completed
    When the job is upgraded to the SQL in "fixtures/sql/running-count-v2.sql" with upgrade mode savepoint
    Then the job restored from the savepoint taken by the upgrade
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
    And every key switched from v1 to v2 exactly once

  Scenario: an incompatible query change restored with allowNonRestoredState resets the counts, and the harness names the keys
    Given a Flink cluster with 2 TaskManagers
    And the SQL job "fixtures/sql/running-count-v1.sql" runs with parallelism 2 and checkpoints every 1 s
    And its output follows the sequence contract with 64 keys
    And at least 3 checkpoints have completed
    When the job is upgraded to the SQL in "fixtures/sql/running-count-grouped.sql" with upgrade mode savepoint, allowing non-restored state
    Then the job restored from the savepoint taken by the upgrade
    And after 3 more checkpoints the verdict is INVALID with state resets
    And the output checker reports state resets

  Scenario: the same change without allowNonRestoredState is refused by Flink, and the old version resumes
    Given a Flink cluster with 2 TaskManagers
    And the SQL job "fixtures/sql/running-count-v1.sql" runs with parallelism 2 and checkpoints every 1 s
    And its output follows the sequence contract with 64 keys
    And at least 3 checkpoints have completed
    When an upgrade to the SQL in "fixtures/sql/running-count-grouped.sql" with upgrade mode savepoint is tried
    Then Flink refused the upgrade within 30 s, naming the operator whose state the new query has no place for
    When the previous version is resumed from the refused upgrade's snapshot
    Then after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  @extended
  Scenario: the SQL job moves from Flink 1.20.3 to 2.2.1 with a savepoint, and another planner plans it
    Given a Flink 1.20.3 cluster with 2 TaskManagers
    And the SQL job "fixtures/sql/running-count-v1.sql" runs with parallelism 2 and checkpoints every 1 s
    And its output follows the sequence contract with 64 keys
    And at least 3 checkpoints have completed
    When the job is upgraded to Flink 2.2.1 with upgrade mode savepoint
    Then the job restored from the savepoint taken by the upgrade
    And the JobManager reports the Flink version the job was upgraded to
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
