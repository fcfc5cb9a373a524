Feature: A frozen TaskManager (a long GC pause, a stuck node)
  A TaskManager stops without dying (SIGSTOP; on Kubernetes from the node, since the JVM is PID 1
  of its container) and goes on later (SIGCONT), with its sockets and state intact and no idea
  that time has passed. Shorter than the heartbeat timeout, Flink must ride it out without a
  failover. Longer, the JobManager must declare the TaskManager lost and recover the job; when
  the zombie wakes up it must not commit anything. Either way the committed output stays
  exactly-once and the job keeps making progress.

  @extended
  Scenario: a TaskManager frozen for less than the heartbeat timeout
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When a TaskManager running the job is frozen for 2 s
    Then the freeze was shorter than the heartbeat timeout and the job did not fail over
    And the job id is unchanged
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  Scenario: a TaskManager frozen for longer than the heartbeat timeout wakes up as a zombie
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When a TaskManager running the job is frozen for 8 s
    Then the freeze outlasted the heartbeat timeout and the job failed over
    And the job restores from a checkpoint at least as recent as the last one completed before the fault
    And the job id is unchanged
    And the job is running again within 30 s
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
