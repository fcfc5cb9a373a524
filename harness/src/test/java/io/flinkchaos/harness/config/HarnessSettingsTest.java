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

  @Test
  void theFixtureJarOfAFlinkUpgradeIsAFileOrOneLineSayingHowToBuildIt() throws Exception {
    assertThatThrownBy(() -> new HarnessSettings(new Properties()).fixturesJarFor("2.2.1"))
        .hasMessageStartingWith("upgrading the fixture jobs to Flink 2.2.1: build the fixture jobs")
        .hasMessageContaining("-Dflink.version=2.2.1")
        .hasMessageContaining("-Dharness.flink.upgrade-to.fixtures-jar=<that copy>")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(
            () ->
                with(HarnessSettings.FLINK_UPGRADE_TO_FIXTURES_JAR, "/no/such.jar")
                    .fixturesJarFor("2.2.1"))
        .hasMessageStartingWith(
            "-Dharness.flink.upgrade-to.fixtures-jar=/no/such.jar is not a file: build");
    java.nio.file.Path jar = java.nio.file.Files.createTempFile("fixtures-2.2.1", ".jar");
    try {
      assertThat(
              with(HarnessSettings.FLINK_UPGRADE_TO_FIXTURES_JAR, jar.toString())
                  .fixturesJarFor("2.2.1"))
          .isEqualTo(jar.toAbsolutePath().normalize());
      assertThat(with(HarnessSettings.FLINK_UPGRADE_TO, " 2.2.1 ").flinkUpgradeTarget())
          .contains("2.2.1");
    } finally {
      java.nio.file.Files.delete(jar);
    }
  }
}
