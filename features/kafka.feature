@kafka
Feature: The Kafka pipeline survives faults and upgrades, read as a downstream consumer reads it
  Most exactly-once pipelines read from and write to Kafka. The harness feeds per-key sequences into
  an input topic (each batch one transaction, gap-free per key), the job reads them with a
  KafkaSource, counts per key in state and writes key,seq,count,version lines with a KafkaSink in
  EXACTLY_ONCE (one transactional id prefix per job version). The output checker reads the output
  topic with isolation.level=read_committed, as any downstream consumer must: only what the job's
  checkpoints committed counts. The broker is a real KRaft broker (kafka_2.13) the harness runs.

  Scenario: TaskManager killed on the Kafka pipeline
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs on Kafka with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When a TaskManager running the job is killed
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job is running again within 30 s
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  # Out of the default run since a fresh-clone run (2026-12-02) where the read_uncommitted reader saw
  # 500 more records than the read_committed one but no duplicate: no aborted record of the killed
  # attempt was in the topic. Why is not found yet (the kill landed 0.1 s after checkpoint 3
  # completed); the nightly runs it until it is.
  @extended
  Scenario: a read_uncommitted reader sees the records a failover aborted, which read_committed hides
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs on Kafka with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When a TaskManager running the job is killed
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job is running again within 30 s
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
    And a read_uncommitted reader of the output topic sees records a read_committed reader does not

  Scenario: an AT_LEAST_ONCE KafkaSink duplicates after a TaskManager kill, and the harness says so
    Given a Flink cluster with 2 TaskManagers
    And the at-least-once job runs on Kafka with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When a TaskManager running the job is killed
    Then the job is running again within 30 s
    And after 3 more checkpoints the verdict is INVALID with duplicated records

  @extended
  Scenario: the Kafka broker killed and restarted mid-stream
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs on Kafka with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the Kafka broker is killed and restarted
    Then a new checkpoint completes within 60 s of the fault
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  @extended
  Scenario Outline: the Kafka pipeline upgraded from v1 to v2 with upgrade mode <mode>
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs on Kafka with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to v2 with upgrade mode <mode>
    Then the job restored from the <snapshot> taken by the upgrade
    And the upgraded job completes a checkpoint within 20 s of the upgrade start
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets
    And every key switched from v1 to v2 exactly once

    Examples:
      | mode       | snapshot   |
      | savepoint  | savepoint  |
      | last-state | checkpoint |

  @extended
  Scenario: a stateless upgrade of the Kafka pipeline starts over, and the harness says so
    Given a Flink cluster with 2 TaskManagers
    And the sequence job runs on Kafka with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the job is upgraded to v2 with upgrade mode stateless
    Then the job started without state
    And after 3 more checkpoints the verdict is INVALID with state resets

  @extended
  Scenario: JobManager killed on the Kafka pipeline, with HA
    Given a highly available Flink cluster with 2 TaskManagers
    And the sequence job runs on Kafka with parallelism 2 and checkpoints every 1 s
    And at least 3 checkpoints have completed
    When the JobManager is killed
    Then the job restores from a checkpoint at least as recent as the last one completed before the kill
    And the job id is unchanged
    And the job is running again within 60 s
    And after 3 more checkpoints the committed output has no gaps, no duplicates and no state resets

  # The transaction-timeout trap. The slow-subtask job's subtask 0 holds each checkpoint 1.5 s,
  # so its other subtask has acknowledged it (its KafkaSink pre-committed a transaction) while it
  # is still IN_PROGRESS. That subtask's TaskManager is frozen then: the checkpoint completes
  # without it, the commit notification waits in its socket, and the job recovers from that
  # checkpoint on other TaskManagers about 6 s later, where the committer commits the recovered
  # transaction. With a transaction timeout longer than that recovery, the commit succeeds; with a
  # shorter one the broker has aborted the transaction first (it checks every second here), the
  # connector logs "recovery took longer than 'transaction.timeout.ms'" and goes on: its records
  # are lost.
  @extended
  Scenario Outline: a transaction timeout of <timeout> against a 6 s recovery from a pre-committed checkpoint is <verdict>
    Given a Flink cluster with 4 TaskManagers of 1 slot each
    And the slow-subtask job runs on Kafka with parallelism 2, checkpoints every 1 s and a transaction timeout of <timeout>
    And at least 3 checkpoints have completed
    When a TaskManager that acknowledged the checkpoint in progress is frozen for 10 s
    Then the freeze outlasted the heartbeat timeout and the job failed over
    And the job restored from the checkpoint that was in progress when the fault landed
    And after 3 more checkpoints the verdict is <verdict> with <anomalies>

    Examples:
      | timeout | verdict | anomalies    |
      | 60 s    | VALID   | no anomalies |
      | 6 s     | INVALID | lost records |
