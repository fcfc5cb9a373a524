@kubernetes @flink-version-upgrade
Feature: Upgrading a job across Flink versions on Kubernetes
  A FlinkDeployment's image and flinkVersion change together with its job (Flink 1.20 to 2.x, or
  2.x to a later 2.x). HA metadata cannot carry a job's state across Flink versions, so for a
  last-state upgrade that changes flinkVersion the operator stops the running job with a savepoint
  and starts the new version from it (AbstractJobReconciler.getJobUpgrade, operator releases
  1.14.0 and 1.15.0). The harness reports the mode the operator actually used, from what the
  operator recorded (the snapshot path in its status, the upgrade mode in its reconciled spec), not
  the mode that was asked for; and it reads the new version from the JobManager itself.
  These scenarios need the operator's application mode (-Dharness.k8s.mode=application: the job
  owns its FlinkDeployment), a newer Flink version the operator supports
  (-Dharness.flink.upgrade-to) and the fixture jobs built for it (-Dflink.extra.versions). The
  local platform's twin is features/flink-versions.feature. Anywhere else they are skipped with the reason; the
  nightly k3s Flink x operator matrix runs them.

  Scenario: a last-state upgrade to the next Flink version is carried by a savepoint
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to v2 on the next Flink version with upgrade mode last-state
    Then the operator took a savepoint instead of last-state because the Flink version changed
    And the job restored from the savepoint taken by the upgrade
    And the JobManager reports the Flink version the job was upgraded to
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
    And every key switched from v1 to v2 exactly once

  Scenario: a savepoint upgrade to the next Flink version
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to v2 on the next Flink version with upgrade mode savepoint
    Then the job restored from the savepoint taken by the upgrade
    And the JobManager reports the Flink version the job was upgraded to
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
    And every key switched from v1 to v2 exactly once
