@sensitivity
Feature: The harness catches broken jobs
  A harness that always says "exactly-once" is worse than none. Each mutant of the sequence job
  breaks exactly-once in one known way. Under the same fault as the correct job, the witnesses must
  call it INVALID with the expected category, naming keys and seq ranges, and the correct job must
  stay VALID under that fault. Each witness is asserted on its own wherever it can see the defect:
  the output checker reads the committed output, the in-job witness sits in the keyed operator and
  cannot see what happens after it (a "-" means: out of this witness's sight, not asserted).
  Rows tagged @caught-by-output-checker / @caught-by-in-job-witness must go red when that witness is
  replaced by an always-VALID stand-in (WitnessStandInIT proves it).

  Scenario Outline: the <job> job under a TaskManager kill is <verdict>
    Given a Flink cluster with 2 TaskManagers
    And the <job> job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    And the committed output so far is exactly-once
    When TaskManager 1 is killed
    Then the job is running again within 30 s
    And after 3 more checkpoints the verdict is <verdict>
    And the output checker reports <output checker>
    And the in-job witness reports <in-job witness>

    Examples: the correct job
      | job      | verdict | output checker | in-job witness |
      | sequence | VALID   | no anomalies   | no anomalies   |

    @caught-by-output-checker @caught-by-in-job-witness
    Examples: defects before the keyed operator, seen by both witnesses
      | job              | verdict | output checker     | in-job witness     |
      | forgetful-source | INVALID | duplicated records | duplicated records |
      | rewinding-source | INVALID | duplicated records | duplicated records |
      | skipping-source  | INVALID | lost records       | lost records       |
      | transient-state  | INVALID | state resets       | state resets       |

    @caught-by-output-checker
    Examples: defects after the keyed operator, seen by the output checker only
      | job                  | verdict | output checker     | in-job witness |
      | at-least-once        | INVALID | duplicated records | -              |
      | lossy-sink           | INVALID | lost records       | no anomalies   |
      | silent-after-restore | INVALID | stalled keys       | no anomalies   |

  Scenario: a witness that goes mute after a restore is UNKNOWN, never VALID
    Given a Flink cluster with 2 TaskManagers
    And the mute-witness job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When TaskManager 1 is killed
    Then the job is running again within 30 s
    And after 3 more checkpoints the verdict is UNKNOWN
    And the output checker reports no anomalies
    And the in-job witness is UNKNOWN

  Scenario Outline: the <job> job with a TaskManager killed while a checkpoint is in progress is <verdict>
    Given a Flink cluster with 2 TaskManagers
    And the <job> job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When a TaskManager running the job is killed while a checkpoint is in progress
    Then the job is running again within 30 s
    And after 3 more checkpoints the verdict is <verdict>
    And the output checker reports <output checker>
    And the in-job witness reports <in-job witness>

    Examples: the correct job, its checkpoints held IN_PROGRESS as long as the mutant's
      | job              | verdict | output checker | in-job witness |
      | slow-checkpoints | VALID   | no anomalies   | no anomalies   |

    @caught-by-output-checker
    Examples: a sink that makes files visible before the checkpoint completes
      | job        | verdict | output checker     | in-job witness |
      | eager-sink | INVALID | duplicated records | no anomalies   |

  # The frozen TaskManager wakes up after the JobManager has failed the job over: the correct job
  # commits nothing from the zombie; a sink that makes records visible early shows the replay.
  @extended
  Scenario Outline: the <job> job with a TaskManager frozen past the heartbeat timeout is <verdict>
    Given a Flink cluster with 2 TaskManagers
    And the <job> job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When a TaskManager running the job is frozen for 8 s
    Then the freeze outlasted the heartbeat timeout and the job failed over
    And the job is running again within 30 s
    And after 3 more checkpoints the verdict is <verdict>
    And the output checker reports <output checker>
    And the in-job witness reports <in-job witness>

    Examples: the correct job
      | job      | verdict | output checker | in-job witness |
      | sequence | VALID   | no anomalies   | no anomalies   |

    @caught-by-output-checker
    Examples: a sink that makes records visible before the checkpoint completes
      | job        | verdict | output checker     | in-job witness |
      | eager-sink | INVALID | duplicated records | no anomalies   |

  Scenario Outline: the <job> job with a TaskManager killed right after a checkpoint is <verdict>
    Given a Flink cluster with 2 TaskManagers
    And the <job> job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When a TaskManager running the job is killed after the next checkpoint
    Then the job is running again within 30 s
    And after 3 more checkpoints the verdict is <verdict>
    And the output checker reports <output checker>
    And the in-job witness reports <in-job witness>

    Examples: the correct job
      | job      | verdict | output checker | in-job witness |
      | sequence | VALID   | no anomalies   | no anomalies   |

    @caught-by-output-checker
    Examples: a committer that drops the commits it recovers
      | job                 | verdict | output checker | in-job witness |
      | forgetful-committer | INVALID | lost records   | no anomalies   |

  Scenario Outline: a savepoint upgrade to the <job> job is <verdict>
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to <job> with upgrade mode savepoint
    Then after 3 more checkpoints the verdict is <verdict>
    And the output checker reports <output checker>
    And the in-job witness reports <in-job witness>

    Examples: the correct job
      | job      | verdict | output checker | in-job witness |
      | sequence | VALID   | no anomalies   | no anomalies   |

    @caught-by-output-checker @caught-by-in-job-witness
    Examples: state dropped by a renamed uid
      | job        | verdict | output checker | in-job witness |
      | uid-change | INVALID | state resets   | state resets   |

    @caught-by-output-checker
    Examples: a duplicate committed late, by the new version
      | job            | verdict | output checker     | in-job witness |
      | late-duplicate | INVALID | duplicated records | no anomalies   |

  Scenario Outline: the <job> job with no fault at all is <verdict>
    Given a Flink cluster with 2 TaskManagers
    And the <job> job runs with parallelism 2, checkpoints every 1 s and 20000 records/s
    And at least 300000 records have been committed
    Then the verdict is <verdict>
    And the output checker reports <output checker>
    And the in-job witness reports <in-job witness>

    Examples: the correct job
      | job      | verdict | output checker | in-job witness |
      | sequence | VALID   | no anomalies   | no anomalies   |

    @caught-by-output-checker
    Examples: one duplicate in 100 000 records
      | job               | verdict | output checker     | in-job witness |
      | silent-duplicator | INVALID | duplicated records | no anomalies   |

  @extended
  Scenario Outline: a last-state upgrade to the <job> job is <verdict>
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to <job> with upgrade mode last-state
    Then after 3 more checkpoints the verdict is <verdict>
    And the output checker reports <output checker>
    And the in-job witness reports <in-job witness>

    Examples: the correct job
      | job      | verdict | output checker | in-job witness |
      | sequence | VALID   | no anomalies   | no anomalies   |

    @caught-by-output-checker @caught-by-in-job-witness
    Examples: a new version that keeps its counter outside Flink state
      | job             | verdict | output checker | in-job witness |
      | transient-state | INVALID | state resets   | state resets   |

  @extended
  Scenario Outline: the <job> job rescaled from 2 to 3 is <verdict>
    Given a Flink cluster with 2 TaskManagers
    And the <job> job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is rescaled to 3
    Then after 3 more checkpoints the verdict is <verdict>
    And the output checker reports <output checker>
    And the in-job witness reports <in-job witness>

    Examples: the correct job
      | job      | verdict | output checker | in-job witness |
      | sequence | VALID   | no anomalies   | no anomalies   |

    @caught-by-output-checker @caught-by-in-job-witness
    Examples: a source that rewinds on restore
      | job              | verdict | output checker     | in-job witness     |
      | rewinding-source | INVALID | duplicated records | duplicated records |

  @extended
  Scenario Outline: the <job> job under a JobManager failover is <verdict>
    Given a highly available Flink cluster with 2 TaskManagers
    And the <job> job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the JobManager is killed
    Then the job is running again within 45 s
    And the job id is unchanged
    And after 3 more checkpoints the verdict is <verdict>
    And the output checker reports <output checker>
    And the in-job witness reports <in-job witness>

    Examples: the correct job
      | job      | verdict | output checker | in-job witness |
      | sequence | VALID   | no anomalies   | no anomalies   |

    @caught-by-output-checker
    Examples: a sink that drops records after a restore
      | job        | verdict | output checker | in-job witness |
      | lossy-sink | INVALID | lost records   | no anomalies   |
