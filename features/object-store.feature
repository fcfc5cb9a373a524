@object-store
Feature: An object store outage is ridden out or failed over, and the output stays exactly-once
  The object store that holds checkpoints, savepoints and the committed output stalls or goes away
  for a few seconds, then comes back with all its data (the embedded s3proxy is frozen with SIGSTOP,
  or the proxy in front of it refuses connections; it is never restarted: it keeps its data in
  memory). Checkpoints cannot complete meanwhile. A job that tolerates failed checkpoints
  (execution.checkpointing.tolerable-failed-checkpoints) rides the outage out without a failover; a
  job that tolerates none fails over. Either way the committed output must stay exactly-once and
  the job must go on committing. The two outcomes are each other's control: the tolerant job's
  check fails on a failover, the intolerant job's on its absence. The intolerant job's outage
  begins between two checkpoints (none in progress, read from Flink just before it), so the next
  checkpoint is triggered under it and times out: an outage that began while a checkpoint's
  metadata was being written would hold that checkpoint, with no timeout running, and fail nothing. These scenarios need S3 storage: they run in the S3 suite
  (-Dharness.storage=s3); on file storage they are skipped with the reason. On k3s the store is
  the run's MinIO: frozen with SIGSTOP from the node, or cut off from the Flink pods by a prohibit
  route in each pod's network namespace (connects fail at once; open connections stall, not reset);
  skipped on a kubeconfig cluster (no node access) and with your own S3.

  Scenario Outline: the object store <outage> for 6 s, and the job tolerates the failed checkpoints
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2, checkpoints every 1 s timing out after 2 s, tolerating 10 failed checkpoints
    And at least 3 checkpoints have completed
    When the object store <outage> for 6 s
    Then checkpoints failed or were held back during the outage and the job rode it out without a failover
    And a new checkpoint completes within 30 s of the fault
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

    Examples:
      | outage              |
      | stops answering     |

    @extended
    Examples:
      | outage              |
      | refuses connections |

  Scenario Outline: the object store <outage> for 6 s, and the job that tolerates no failed checkpoint fails over
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2, checkpoints every 1 s timing out after 2 s, tolerating 0 failed checkpoints
    And at least 3 checkpoints have completed
    When the object store <outage> for 6 s between two checkpoints
    Then the job failed over once more checkpoints failed than it tolerates
    And the job is running again within 60 s
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

    @extended
    Examples:
      | outage              |
      | stops answering     |

    Examples:
      | outage              |
      | refuses connections |

  @extended
  Scenario: a lossy sink failing over on an object store outage loses records, and the harness says so
    Given a Flink cluster with 2 TaskManagers
    And the lossy-sink job runs with parallelism 2, checkpoints every 1 s timing out after 2 s, tolerating 0 failed checkpoints
    And at least 3 checkpoints have completed
    When the object store refuses connections for 6 s between two checkpoints
    Then the job failed over once more checkpoints failed than it tolerates
    And the job is running again within 60 s
    And after 3 more checkpoints the verdict is INVALID with lost records
