@incident @extended
Feature: Known Flink bugs, each on a version that has it and on the release that fixed it
  A release gate must notice when the next Flink brings an old bug back, and a harness must keep
  seeing a bug it once saw. Each bug is a pair of scenarios with the same job, fault and checks: on
  the affected version they expect the bug's anomaly, on the fixed one a VALID run; both are green,
  and a regression or a harness that stops seeing the bug turns one red. Each was reproduced first
  outside the harness on a MiniCluster of each version (see README, "Known Flink bugs"). They run
  with the @extended scenarios (mvn -B verify -Pextended, which also prepares the versions), or
  alone: mvn -B verify -Dflink.extra.versions=1.20.0,1.20.1,1.20.5,2.1.0,2.1.1 -Dcucumber.filter.tags=@incident

  # FLINK-38267 (fixed in 1.20.3, 2.0.1, 2.1.1 by apache/flink#26931): a job restored from an
  # unaligned checkpoint with another parallelism fails at once when a task has both an exchange
  # that supports unaligned checkpoints (keyed) and one that does not (forward), read in Flink's
  # StateAssignmentOperation (2.1.0 -> 2.1.1) and UnalignedCheckpointRescaleWithMixedExchangesITCase.
  # 500 records/s against a keyed counter that takes 5 ms a record: backpressured at parallelism 2
  # (400/s), so checkpoints hold in-flight data; not at 3 (600/s), so every key moves on after.
  @FLINK-38267
  Scenario: FLINK-38267 on Flink 2.1.0: a rescale from an unaligned checkpoint of a task with a keyed and a forward output never runs
    Given a Flink 2.1.0 cluster with 2 TaskManagers
    And the mixed-exchanges job runs with parallelism 2, checkpoints every 1 s and 500 records/s
    And a checkpoint with in-flight data has completed
    When the job is restored with parallelism 3 from its latest checkpoint
    Then the restored job fails with "Cannot rescale the given pointwise partitioner" and completes no checkpoint

  @FLINK-38267
  Scenario: FLINK-38267 fixed in Flink 2.1.1: the same rescale restores, exactly-once
    Given a Flink 2.1.1 cluster with 2 TaskManagers
    And the mixed-exchanges job runs with parallelism 2, checkpoints every 1 s and 500 records/s
    And a checkpoint with in-flight data has completed
    When the job is restored with parallelism 3 from its latest checkpoint
    Then the job restored from the checkpoint taken by the upgrade
    And the upgraded job completes a checkpoint within 30 s of the upgrade start
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  # FLINK-38483 (fixed in 1.20.4 by apache/flink#27084; 1.20.4's runtime is served, not its
  # FileSink, so the pair uses 1.20.5): the FLINK-38267 fix in 1.20.3 added an empty per-gate state
  # descriptor whose accessor throws, and a restore with another parallelism of a two-input task
  # with in-flight data on one input and none on the other calls it on every attempt: the job
  # restarts forever. Read in 1.20.3's and 1.20.4's sources; 1.20.3 is this harness's default.
  @FLINK-38483
  Scenario: FLINK-38483 on Flink 1.20.3: a rescale from an unaligned checkpoint of a two-input task with an idle input never runs
    Given a Flink 1.20.3 cluster with 2 TaskManagers
    And the idle-control-stream job runs with parallelism 2, checkpoints every 1 s and 500 records/s
    And a checkpoint with in-flight data has completed
    When the job is restored with parallelism 3 from its latest checkpoint
    Then the restored job fails with "Cannot get old subtasks from a descriptor that represents no state" and completes no checkpoint

  @FLINK-38483
  Scenario: FLINK-38483 fixed in Flink 1.20.5: the same rescale restores, exactly-once
    Given a Flink 1.20.5 cluster with 2 TaskManagers
    And the idle-control-stream job runs with parallelism 2, checkpoints every 1 s and 500 records/s
    And a checkpoint with in-flight data has completed
    When the job is restored with parallelism 3 from its latest checkpoint
    Then the job restored from the checkpoint taken by the upgrade
    And the upgraded job completes a checkpoint within 30 s of the upgrade start
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  # FLINK-25920 (fixed in 1.20.1 by apache/flink#25292): in a streaming job a sink whose input has
  # ended sends its last committables and waits for one more checkpoint, its final checkpoint
  # (FLIP-147), then finishes. Restored from that checkpoint, Flink runs the sink again from its
  # end of input: on 1.20.0 the writer sends that subtask's end-of-input committables a second
  # time and the committer, whose restored state already holds them, throws on every restart.
  # Read in 1.20.0's and 1.20.1's SinkWriterOperator and CheckpointCommittableManagerImpl. A later
  # checkpoint records the sink as finished and a restore from it does not run it again, so the
  # keep-alive branch keeps the job running past its sequence, and checkpoints every 5 s leave the
  # harness time to restore from the final one (asserted from the checkpoint Flink restored). The
  # restored job has no record left to process, so its in-job witness has nothing to vouch for.
  @FLINK-25920
  Scenario: FLINK-25920 on Flink 1.20.0: a job restored from its sink's final checkpoint never runs again
    Given a Flink 1.20.0 cluster with 2 TaskManagers
    And the keep-alive job runs with parallelism 2, checkpoints every 5 s and 200 records per key
    And the sequence has finished after its final checkpoint while the job runs on
    When the job is restored with parallelism 2 from its latest checkpoint
    Then the restore used the sequence's final checkpoint
    And the restored job fails with "Please check the status of FLINK-25920" and completes no checkpoint

  @FLINK-25920
  Scenario: FLINK-25920 fixed in Flink 1.20.1: the same restore runs and finishes, exactly-once
    Given a Flink 1.20.1 cluster with 2 TaskManagers
    And the keep-alive job runs with parallelism 2, checkpoints every 5 s and 200 records per key
    And the sequence has finished after its final checkpoint while the job runs on
    When the job is restored with parallelism 2 from its latest checkpoint
    Then the restore used the sequence's final checkpoint
    And the upgraded job completes a checkpoint within 30 s of the upgrade start
    And the job finishes within 90 s
    And the final output has every key's records exactly once, by the output checker alone
