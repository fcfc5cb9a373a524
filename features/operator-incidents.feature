@kubernetes @incident @operator-incident
Feature: Known Flink Kubernetes Operator bugs as regression scenarios

  Each bug is in the suite twice: on the operator release it affects the scenario expects the bug's
  effect, on the release that fixed it the correct behaviour; a regression, or a harness that
  stops seeing the bug, turns one of them red. They need a real operator, so only the nightly
  k3s-operator-incidents job runs them (each on its own leg); elsewhere they are skipped with the
  reason. They have not run here: this machine cannot run k3s.

  FLINK-37571 (fix apache/flink-kubernetes-operator 93e68f2b, first released in 1.12.0): before it
  redeploys an application cluster for a last-state upgrade the operator deletes the job graph
  from the Kubernetes HA ConfigMaps, so that the new JobManager submits the new job instead of
  recovering the old one (AbstractFlinkService.submitApplicationCluster). 1.11.0's
  FlinkUtils.isJobGraphKey matches only "jobGraph-" keys; Flink 2.0 stores "executionPlan-" ones,
  so the new JobManager recovers v1's execution plan from HA and keeps running v1.

  @FLINK-37571
  Scenario: operator 1.11.0 keeps a Flink 2.0 job's old execution plan across a last-state upgrade (FLINK-37571)
    Given the operator under test is "1.11.0" in application mode
    And a Flink 2.0.0 cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to v2 with upgrade mode last-state
    Then after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
    And no key switched from v1 to v2: the old job kept running

  @FLINK-37571
  Scenario: operator 1.12.1 runs the new Flink 2.0 job after a last-state upgrade (FLINK-37571 fixed)
    Given the operator under test is "1.12.1" in application mode
    And a Flink 2.0.0 cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to v2 with upgrade mode last-state
    Then after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
    And every key switched from v1 to v2 exactly once
