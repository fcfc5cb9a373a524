package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkchaos.harness.platform.ProcessEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lines {@link SupervisedProcess} reports, turned into process events and a log. */
class ClusterEventLogTest {

  @TempDir Path dir;

  @Test
  void startsKillsAndExitsBecomeProcessEventsWithTheirGeneration() throws IOException {
    ClusterEventLog log = new ClusterEventLog(dir.resolve("cluster-events.log"));

    log.record("taskmanager-1 generation 2 started, pid 4242");
    log.record("taskmanager-1 pid 4242 frozen with SIGSTOP");
    log.record("taskmanager-1 pid 4242 killed with SIGKILL");
    log.record("taskmanager-1 pid 4242 exited with code 137 after 5000 ms");
    log.record("submitted some job as job 1234");

    assertThat(log.history())
        .extracting(ProcessEvent::toString)
        .containsExactly(
            "taskmanager-1 generation 2 (pid 4242) started",
            "taskmanager-1 generation 2 (pid 4242) killed",
            "taskmanager-1 generation 2 (pid 4242) exited");
    assertThat(Files.readAllLines(log.file()))
        .hasSize(5)
        .allMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d(\\.\\d+)? .*"))
        .anyMatch(line -> line.endsWith(" taskmanager-1 pid 4242 frozen with SIGSTOP"));
  }
}
