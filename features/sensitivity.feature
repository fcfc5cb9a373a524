@sensitivity
Feature: The harness catches broken jobs
  A harness that always says "exactly-once" is worse than none. Each mutant of the sequence job
  breaks exactly-once in one known way. Under the same fault as the correct job, the witnesses
  (the output checker and the in-job witness) must call it INVALID with the expected category,
  naming keys and seq ranges, and the correct job must stay VALID in the same feature.

  Scenario Outline: the <job> job under a TaskManager kill is <verdict>
    Given a Flink cluster with 2 TaskManagers
    And the <job> job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    And the committed output so far is exactly-once
    When TaskManager 1 is killed
    Then the job is running again within 30 s
    And after 3 more checkpoints the verdict is <verdict> with <anomalies>

    Examples:
      | job              | verdict | anomalies          |
      | sequence         | VALID   | no anomalies       |
      | at-least-once    | INVALID | duplicated records |
      | forgetful-source | INVALID | duplicated records |
      | lossy-sink       | INVALID | lost records       |
      | transient-state  | INVALID | state resets       |

  Scenario: the checker names the duplicates of an at-least-once sink
    Given a Flink cluster with 2 TaskManagers
    And the at-least-once job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When TaskManager 1 is killed
    Then the job is running again within 30 s
    And the checker reports duplicated records

  Scenario Outline: a savepoint upgrade to the <job> job is <verdict>
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to <job> with upgrade mode savepoint
    Then after 3 more checkpoints the verdict is <verdict> with <anomalies>

    Examples:
      | job        | verdict | anomalies    |
      | sequence   | VALID   | no anomalies |
      | uid-change | INVALID | state resets |

  Scenario Outline: the <job> job with no fault at all is <verdict>
    Given a Flink cluster with 2 TaskManagers
    And the <job> job runs with parallelism 2, checkpoints every 1 s and 20000 records/s
    And at least 300000 records have been committed
    Then the verdict is <verdict> with <anomalies>

    Examples:
      | job               | verdict | anomalies          |
      | sequence          | VALID   | no anomalies       |
      | silent-duplicator | INVALID | duplicated records |
