package io.flinkchaos.harness.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class HarnessSettingsTest {

  private static HarnessSettings with(String key, String value) {
    Properties properties = new Properties();
    properties.setProperty(key, value);
    return new HarnessSettings(properties);
  }

  @Test
  void aGivenFaultSeedIsReplayed() {
    assertThat(with(HarnessSettings.FAULT_SEED, " 42 ").faultSeed()).isEqualTo(42);
  }

  @Test
  void withoutASeedEachRunDrawsItsOwn() {
    HarnessSettings settings = new HarnessSettings(new Properties());
    assertThat(settings.faultSeed()).isNotEqualTo(settings.faultSeed());
  }

  @Test
  void aSeedThatIsNotANumberSaysWhatToGive() {
    assertThatThrownBy(() -> with(HarnessSettings.FAULT_SEED, "forty-two").faultSeed())
        .hasMessage(
            "-Dharness.fault-seed=forty-two is not a number: give the seed a red run logged,"
                + " e.g. -Dharness.fault-seed=42");
  }

  @Test
  void aNegativeNumberOfWorkDirsToKeepIsRefused() {
    assertThatThrownBy(() -> with(HarnessSettings.KEEP_WORK_DIRS, "-1").keepWorkDirs())
        .hasMessageContaining("is not a number >= 0");
  }
}
