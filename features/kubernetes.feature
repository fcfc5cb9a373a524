@kubernetes
Feature: Kubernetes control plane: the operator's pod, a container's process, the operator's version
  Faults that exist only where the Flink Kubernetes Operator runs the job. The operator is not in
  the data path: losing it, or replacing it with a newer version, must not touch the running job.
  A crashed JobManager container is restarted by the kubelet in the same pod, and Kubernetes HA
  must bring the job back with its id and its latest checkpoint. These scenarios are skipped on the
  local platform and run in the nightly k3s workflow.

  Scenario: the operator pod is killed mid-stream
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the operator pod is killed
    Then the job id is unchanged
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  Scenario: the JobManager process is killed in its container
    Given a highly available Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the JobManager process is killed in its container
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job id is unchanged
    And the job is running again within 120 s
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  Scenario Outline: the operator pod is killed during an upgrade with upgrade mode <mode>
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the operator pod is killed while the job is upgraded to v2 with upgrade mode <mode>
    Then the upgraded job completes a checkpoint within 180 s of the upgrade start
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
    And every key switched from v1 to v2 exactly once

    Examples:
      | mode       |
      | savepoint  |
      | last-state |

  Scenario: the operator is upgraded while the job runs
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the operator is upgraded to the next version
    Then the job id is unchanged
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
