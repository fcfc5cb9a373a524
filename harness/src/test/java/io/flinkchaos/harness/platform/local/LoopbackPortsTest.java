package io.flinkchaos.harness.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackPortsTest {

  @TempDir Path dir;

  @Test
  void portsAreChosenBelowTheKernelsEphemeralRange() throws Exception {
    int[] range = LoopbackPorts.candidateRange(LoopbackPorts.EPHEMERAL_RANGE);
    assertThat(LoopbackPorts.reserve(5))
        .doesNotHaveDuplicates()
        .allSatisfy(port -> assertThat(port).isBetween(range[0], range[1]));
  }

  @Test
  void theRangeEndsJustBelowTheEphemeralOne() throws Exception {
    Path file = Files.writeString(dir.resolve("range"), "40000\t60999\n");
    assertThat(LoopbackPorts.candidateRange(file)).containsExactly(10000, 39999);
  }

  @Test
  void anUnreadableRangeFileMeansTheLinuxDefault() {
    assertThat(LoopbackPorts.candidateRange(dir.resolve("absent"))).containsExactly(10000, 32767);
  }

  @Test
  void anEphemeralRangeStartingTooLowIsAnActionableError() throws Exception {
    Path file = Files.writeString(dir.resolve("range"), "1500 60999");
    assertThatThrownBy(() -> LoopbackPorts.candidateRange(file))
        .hasMessageContaining("starts at 1500")
        .hasMessageContaining("raise its lower bound");
  }
}
