package io.flinkchaos.harness.flink;

/**
 * A subtask's current execution attempt as Flink REST reports it ({@code
 * /jobs/:id/vertices/:vertex} {@code subtasks[]}): its attempt number and when it was deployed
 * ({@code start-time}: the DEPLOYING timestamp, -1 before that, as Flink 1.20's {@code
 * SubtaskExecutionAttemptDetailsInfo#create} fills it), and the resource id of the TaskManager it
 * runs on ({@code taskmanager-id}).
 */
public record SubtaskAttempt(int subtask, int attempt, long startMillis, String taskManagerId) {}
