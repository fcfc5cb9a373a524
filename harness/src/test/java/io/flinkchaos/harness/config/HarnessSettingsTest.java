package io.flinkchaos.harness.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void anotherFlinkVersionComesFromItsOwnDirectoriesAndAMissingOneSaysHowToPrepareIt(
      @TempDir Path dir) throws Exception {
    Path dists = Files.createDirectories(dir.resolve("dists"));
    Path fixtures = Files.createDirectories(dir.resolve("fixtures"));
    Files.createDirectories(dists.resolve("flink-2.2.1/plugins"));
    Files.writeString(dists.resolve("flink-2.2.1/flink-classpath.txt"), "a.jar");
    Files.createDirectories(fixtures.resolve("flink-2.2.1"));
    Files.writeString(fixtures.resolve("flink-2.2.1/flink-chaos-fixture-jobs.jar"), "jar");
    Properties properties = new Properties();
    properties.setProperty(HarnessSettings.FLINK_VERSION, "1.20.3");
    properties.setProperty(HarnessSettings.FLINK_EXTRA_VERSIONS, "2.2.1");
    properties.setProperty(HarnessSettings.FLINK_DISTS_DIR, dists.toString());
    properties.setProperty(HarnessSettings.FIXTURES_BUILD_DIR, fixtures.toString());
    HarnessSettings settings = new HarnessSettings(properties);

    assertThat(settings.isOtherFlinkVersion("1.20.3")).isFalse();
    assertThat(settings.flinkVersionMissing("2.2.1")).isEmpty();
    assertThat(settings.flinkClasspathFile("2.2.1"))
        .isEqualTo(dists.resolve("flink-2.2.1/flink-classpath.txt"));
    assertThat(settings.flinkPluginsDir("2.2.1")).isEqualTo(dists.resolve("flink-2.2.1/plugins"));
    assertThat(settings.fixturesJar("2.2.1"))
        .isEqualTo(fixtures.resolve("flink-2.2.1/flink-chaos-fixture-jobs.jar"));
    assertThat(settings.flinkVersionMissing("2.1.1"))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .startsWith("Flink 2.1.1 is not prepared in this build (")
                    .endsWith(
                        "is missing): add it to -Dflink.extra.versions (now '2.2.1', run version"
                            + " 1.20.3) and rebuild with 'mvn verify' from the repository root"));
    assertThatThrownBy(() -> settings.fixturesJar("2.1.1"))
        .hasMessageStartingWith("Flink 2.1.1 is not prepared in this build");
  }

  @Test
  void theNextFlinkVersionIsReadTrimmed() {
    assertThat(with(HarnessSettings.FLINK_UPGRADE_TO, " 2.2.1 ").flinkUpgradeTarget())
        .contains("2.2.1");
    assertThat(new HarnessSettings(new Properties()).flinkUpgradeTarget()).isEmpty();
  }
}
