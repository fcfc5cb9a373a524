@flink-upgrade
Feature: Upgrades across Flink versions keep state and exactly-once output
  Moving to the next Flink is the upgrade a release gate exists for. The job runs on a cluster of
  one Flink version; it is stopped with a savepoint; the same job, built for the next version,
  starts from that savepoint on a cluster of the next version, and the old cluster is stopped (on
  Kubernetes: a FlinkDeployment's image and flinkVersion change). A last-state upgrade becomes a
  savepoint, as the operator does when the Flink version changes, and the harness says which mode
  it used. A rollback to an older Flink is the same move backwards: a release gate asks whether
  the old version can take the job back if the new one misbehaves. The build prepares the versions
  named here besides the run's own (-Dflink.extra.versions, default 2.2.1; -Pextended adds 2.1.1);
  a version it did not prepare skips the scenario with the reason. These run on the local platform.
  The first checkpoint of the new job is allowed 60 s from the upgrade's start, which includes
  starting the new cluster.

  Scenario: the job moves from Flink 1.20.3 to 2.2.1 with a savepoint, and its state and exactly-once output are kept
    Given a Flink 1.20.3 cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to v2 on Flink 2.2.1 with upgrade mode savepoint
    Then the job restored from the savepoint taken by the upgrade
    And the JobManager reports the Flink version the job was upgraded to
    And the upgraded job completes a checkpoint within 60 s of the upgrade start
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
    And every key switched from v1 to v2 exactly once

  @extended
  Scenario: a last-state upgrade from Flink 2.1.1 to 2.2.1 takes a savepoint instead, as the operator does
    Given a Flink 2.1.1 cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to v2 on Flink 2.2.1 with upgrade mode last-state
    Then the upgrade used upgrade mode savepoint
    And the job restored from the savepoint taken by the upgrade
    And the upgraded job completes a checkpoint within 60 s of the upgrade start
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  @extended
  Scenario: a stateless move from Flink 1.20.3 to 2.2.1 resets the job's state, and the harness says so
    Given a Flink 1.20.3 cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to v2 on Flink 2.2.1 with upgrade mode stateless
    Then the upgrade used upgrade mode stateless
    And the job started without state
    And after 3 more checkpoints the verdict is INVALID with state resets


  # Flink 2.1 and 2.2 write savepoint metadata in format version 6, 2.0 in 5, 1.20 in 4, and each
  # reads only the versions up to its own (Checkpoints.storeCheckpointMetadata and
  # MetadataSerializers of flink-runtime 1.20.3, 2.0.0, 2.1.1, 2.2.1): 1.20.3 refuses the job at
  # submission, before any task runs. The savepoint stays valid for 2.2.1.
  Scenario: a rollback from Flink 2.2.1 to 1.20.3 is refused because 1.20.3 cannot read 2.2.1's savepoint, and the 2.2.1 job resumes from it
    Given a Flink 2.2.1 cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When an upgrade to Flink 1.20.3 with upgrade mode savepoint is tried
    Then the restored job fails with "Unrecognized checkpoint version number: 6" and completes no checkpoint
    When the previous version is resumed from the refused upgrade's snapshot
    Then the job restored from the savepoint taken by the upgrade
    And the JobManager reports Flink 2.2.1
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  @extended
  Scenario: a rollback from Flink 2.2.1 to 2.1.1 with a savepoint keeps the job's state and exactly-once output
    Given a Flink 2.2.1 cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to Flink 2.1.1 with upgrade mode savepoint
    Then the job restored from the savepoint taken by the upgrade
    And the JobManager reports Flink 2.1.1
    And the upgraded job completes a checkpoint within 60 s of the upgrade start
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
