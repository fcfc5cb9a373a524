package io.flinkchaos.harness.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    return Files.writeString(dir.resolve("flink-chaos.yaml"), yaml);
  }

  private static Properties props(String... keyValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return properties;
  }

  private HarnessSettings settings(Properties system, Properties installation) {
    return new HarnessSettings(system, ConfigFile.locate(system, dir), installation);
  }

  @Test
  void everyKeyBecomesItsHarnessSettingWithPathsRelativeToTheFile() throws Exception {
    write(
        """
        platform: kubeconfig
        storage: s3
        flink-version: 2.2.1
        flink-upgrade-to: 2.2.1
        features: src/test/chaos
        tags: "@smoke and not @slow"
        reports-dir: build/chaos-reports
        work-dir: build/chaos
        keep-work-dirs: 5
        fault-seed: 42
        jobs:
          enricher:
            jar: target/enricher.jar
            entry-class: com.acme.Enricher
            arguments: --output {output} --keys 8
        kubernetes:
          kubeconfig: ~/.kube/staging
          context: staging
          namespace: chaos
          mode: application
          integration: standalone
          deployment-kind: operator
          flink-deployment: k8s/flink-deployment.yaml
          flink-session-job: k8s/session-job.yaml
          flink-image: acme/flink:1.20.3
        operator:
          version: 1.14.0
          install: false
          cert-manager: true
          upgrade-to: 1.15.0
        s3:
          endpoint: http://127.0.0.1:9000
          bucket: chaos
          region: eu-west-1
        kafka:
          bootstrap: 127.0.0.1:9092
        """);
    HarnessSettings settings = settings(new Properties(), new Properties());

    assertThat(settings.platform()).isEqualTo("kubeconfig");
    assertThat(settings.storage()).isEqualTo("s3");
    assertThat(settings.flinkVersion()).isEqualTo("2.2.1");
    assertThat(settings.flinkUpgradeTarget()).contains("2.2.1");
    assertThat(settings.featuresDir()).contains(dir.resolve("src/test/chaos"));
    assertThat(settings.tags()).contains("@smoke and not @slow");
    assertThat(settings.get(HarnessSettings.REPORTS_DIR, ""))
        .isEqualTo(dir.resolve("build/chaos-reports").toString());
    assertThat(settings.workDir()).isEqualTo(dir.resolve("build/chaos"));
    assertThat(settings.keepWorkDirs()).isEqualTo(5);
    assertThat(settings.faultSeed()).isEqualTo(42);
    assertThat(settings.projectDir()).isEqualTo(dir);
    assertThat(settings.job("enricher"))
        .isEqualTo(
            new ConfiguredJob(
                "enricher",
                dir.resolve("target/enricher.jar").toString(),
                "com.acme.Enricher",
                "--output {output} --keys 8"));
    assertThat(settings.get("harness.kubeconfig", "")).isEqualTo("~/.kube/staging");
    assertThat(settings.get("harness.k8s.context", "")).isEqualTo("staging");
    assertThat(settings.get("harness.k8s.namespace", "")).isEqualTo("chaos");
    assertThat(settings.get("harness.k8s.mode", "")).isEqualTo("application");
    assertThat(settings.get("harness.k8s.integration", "")).isEqualTo("standalone");
    assertThat(settings.get("harness.k8s.deployment-kind", "")).isEqualTo("operator");
    assertThat(settings.get("harness.k8s.deployment", ""))
        .isEqualTo(dir.resolve("k8s/flink-deployment.yaml").toString());
    assertThat(settings.get("harness.k8s.sessionJob", ""))
        .isEqualTo(dir.resolve("k8s/session-job.yaml").toString());
    assertThat(settings.get("harness.k8s.flinkImage", "")).isEqualTo("acme/flink:1.20.3");
    assertThat(settings.get("harness.operator.version", "")).isEqualTo("1.14.0");
    assertThat(settings.get("harness.k8s.installOperator", "")).isEqualTo("false");
    assertThat(settings.get("harness.operator.certManager", "")).isEqualTo("true");
    assertThat(settings.operatorUpgradeTarget()).contains("1.15.0");
    assertThat(settings.s3Endpoint()).isEqualTo("http://127.0.0.1:9000");
    assertThat(settings.s3Bucket()).isEqualTo("chaos");
    assertThat(settings.s3Region()).isEqualTo("eu-west-1");
    assertThat(settings.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
  }

  @Test
  void aSystemPropertyOverridesTheFileWhichOverridesTheInstallationAndTheDefault()
      throws Exception {
    write("platform: k3s\nflink-version: 2.2.1\n");
    Properties installation =
        props(HarnessSettings.FLINK_VERSION, "1.20.3", HarnessSettings.S3_REGION, "eu-north-1");

    HarnessSettings fromFile = settings(new Properties(), installation);
    assertThat(fromFile.platform()).isEqualTo("k3s");
    assertThat(fromFile.flinkVersion()).as("file over installation").isEqualTo("2.2.1");
    assertThat(fromFile.installedFlinkVersion()).contains("1.20.3");
    assertThat(fromFile.s3Region()).as("installation over default").isEqualTo("eu-north-1");
    assertThat(fromFile.s3Bucket()).as("the default").isEqualTo("flink-chaos");

    HarnessSettings overridden = settings(props(HarnessSettings.PLATFORM, "local"), installation);
    assertThat(overridden.platform()).as("property over file").isEqualTo("local");
  }

  @Test
  void theFileIsTheOneNamedByTheProperty_elseTheWorkingDirectorysIfPresent() throws Exception {
    assertThat(ConfigFile.locate(new Properties(), dir)).isEmpty();
    Path other = Files.writeString(dir.resolve("other.yaml"), "platform: k3s\n");
    write("platform: kubeconfig\n");

    assertThat(ConfigFile.locate(new Properties(), dir).map(ConfigFile::path))
        .contains(dir.resolve("flink-chaos.yaml"));
    assertThat(ConfigFile.locate(props(ConfigFile.CONFIG, "other.yaml"), dir).map(ConfigFile::path))
        .contains(other);
    assertThatThrownBy(() -> ConfigFile.locate(props(ConfigFile.CONFIG, "missing.yaml"), dir))
        .hasMessageStartingWith("-Dharness.config=missing.yaml: no such file (");
  }

  @Test
  void anUnknownKeyIsOneLineNamingTheKeyTheFileAndTheKnownKeys() throws Exception {
    write("platfrom: k3s\n");
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("flink-chaos.yaml")))
        .hasMessage(
            dir.resolve("flink-chaos.yaml")
                + ": unknown key 'platfrom' (known: platform, storage, flink-version,"
                + " flink-upgrade-to, features, tags, reports-dir, work-dir, keep-work-dirs,"
                + " fault-seed, jobs, kubernetes, operator, s3, kafka)");
  }

  @Test
  void anUnknownNestedKeyIsNamedWithItsPath() throws Exception {
    write("kubernetes:\n  namspace: chaos\n");
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("flink-chaos.yaml")))
        .hasMessageContaining(": unknown key 'kubernetes.namspace' (known: ")
        .hasMessageContaining("namespace");
    write("jobs:\n  app:\n    jar: a.jar\n    main: com.acme.App\n");
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("flink-chaos.yaml")))
        .hasMessageEndingWith(": unknown key 'jobs.app.main' (known: jar, entry-class, arguments)");
  }

  @Test
  void aValueOfTheWrongTypeSaysWhatTheKeyTakes() throws Exception {
    write("keep-work-dirs: three\n");
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("flink-chaos.yaml")))
        .hasMessage(
            dir.resolve("flink-chaos.yaml")
                + ": 'keep-work-dirs' must be a whole number, got 'three'");
    write("platform: k8s\n");
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("flink-chaos.yaml")))
        .hasMessageEndingWith(": 'platform' must be one of local, k3s, kubeconfig, got 'k8s'");
    write("tags:\n  - '@smoke'\n");
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("flink-chaos.yaml")))
        .hasMessageEndingWith(": 'tags' must be a single value, got a list");
    write("kubernetes: k3s\n");
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("flink-chaos.yaml")))
        .hasMessageContaining(": 'kubernetes' must be a mapping of keys to values");
    write("operator:\n  install: maybe\n");
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("flink-chaos.yaml")))
        .hasMessageContaining(": 'operator.install' must be true or false, got 'maybe'");
  }

  @Test
  void brokenYamlAndDuplicateKeysAreOneLine() throws Exception {
    write("platform: local\nplatform: k3s\n");
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("flink-chaos.yaml")))
        .hasMessageContaining(": not valid YAML: ")
        .hasMessageContaining("Duplicate field 'platform'")
        .hasMessageNotContaining("\n");
    write("platform: 'local\nstorage: file\n");
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("flink-chaos.yaml")))
        .hasMessageContaining(": not valid YAML: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void anEmptyFileSetsNothing() throws Exception {
    write("");
    assertThat(ConfigFile.read(dir.resolve("flink-chaos.yaml")).properties()).isEmpty();
  }

  @Test
  void anUndeclaredJobNamesTheDeclaredOnes() throws Exception {
    write(
        "jobs:\n  a:\n    jar: a.jar\n    entry-class: A\n  b:\n    jar: b.jar\n    entry-class: B\n");
    HarnessSettings settings = settings(new Properties(), new Properties());
    assertThatThrownBy(() -> settings.job("c"))
        .hasMessage(
            "no job 'c' with a jar and an entry-class under jobs: in "
                + dir.resolve("flink-chaos.yaml")
                + " (jobs: a, b)");
    assertThat(new HarnessSettings(new Properties(), Optional.empty(), new Properties()))
        .satisfies(
            none ->
                assertThatThrownBy(() -> none.job("a"))
                    .hasMessageContaining("(no flink-chaos.yaml) (jobs: none)"));
  }
}
