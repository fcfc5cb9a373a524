package io.flinkchaos.harness.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The GitHub workflows parse, run the suites they promise, and pin every action to a version. */
class WorkflowsTest {

  /**
   * Versions the root pom supports only to show a known bug on the local platform
   * (features/incidents.feature: FLINK-38267 on 2.1.0, FLINK-25920 on 1.20.0 and its fix in
   * 1.20.1); no release is gated on them.
   */
  private static final Set<String> INCIDENT_ONLY = Set.of("1.20.0", "1.20.1", "2.1.0");

  private static final Path WORKFLOWS = Path.of("..", ".github", "workflows");
  private static final YAMLMapper YAML = new YAMLMapper();

  private static JsonNode workflow(String file) throws IOException {
    return YAML.readTree(WORKFLOWS.resolve(file).toFile());
  }

  private static List<String> runs(JsonNode workflow) {
    List<String> runs = new ArrayList<>();
    workflow
        .get("jobs")
        .forEach(
            job ->
                job.get("steps")
                    .forEach(
                        step -> {
                          if (step.has("run")) {
                            runs.add(step.get("run").asText());
                          }
                        }));
    return runs;
  }

  @Test
  void everyWorkflowParsesAndPinsItsActions() throws IOException {
    try (Stream<Path> files = Files.list(WORKFLOWS)) {
      List<Path> workflows = files.filter(f -> f.toString().endsWith(".yml")).toList();
      assertThat(workflows)
          .extracting(p -> p.getFileName().toString())
          .contains("pr.yml", "nightly.yml", "release-gate.yml");
      for (Path file : workflows) {
        JsonNode workflow = YAML.readTree(file.toFile());
        assertThat(workflow.has("on")).as(file + " has triggers").isTrue();
        assertThat(workflow.get("jobs").size()).as(file + " has jobs").isPositive();
        workflow
            .get("jobs")
            .forEach(
                job -> {
                  assertThat(job.has("timeout-minutes"))
                      .as(file + ": every job is bounded")
                      .isTrue();
                  job.get("steps")
                      .forEach(
                          step -> {
                            if (step.has("uses")) {
                              assertThat(step.get("uses").asText())
                                  .as(file + ": action pinned")
                                  .matches("[\\w.-]+/[\\w.-]+@v\\d+(\\.\\d+)*");
                            }
                          });
                });
      }
    }
  }

  /**
   * The first major of each action that runs on Node.js 24 by default (Node 20 is deprecated on
   * GitHub's runners): actions/checkout v5.0.0 ("support for Node.js 24", actions/checkout#2238; v7
   * is current, its one break is about pull_request_target and workflow_run), actions/setup-java
   * v5.0.0 (its only breaking change is the Node 24 runtime), actions/upload-artifact v6.0.0 ("v5
   * had preliminary support for Node.js 24, however this action was by default still running on
   * Node.js 20"; v7 is current), actions/cache v5.
   */
  static final Map<String, Integer> NODE24_MAJORS =
      Map.of(
          "actions/checkout", 5,
          "actions/setup-java", 5,
          "actions/upload-artifact", 6,
          "actions/cache", 5);

  private static List<JsonNode> allSteps() throws IOException {
    List<JsonNode> steps = new ArrayList<>();
    try (Stream<Path> files = Files.list(WORKFLOWS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
        YAML.readTree(file.toFile())
            .get("jobs")
            .forEach(job -> job.get("steps").forEach(steps::add));
      }
    }
    return steps;
  }

  @Test
  void everyActionIsOnAMajorThatRunsOnNode24() throws IOException {
    List<String> uses =
        allSteps().stream().filter(s -> s.has("uses")).map(s -> s.get("uses").asText()).toList();
    assertThat(uses).isNotEmpty();
    for (String use : uses) {
      String action = use.substring(0, use.indexOf('@'));
      int major = Integer.parseInt(use.replaceAll(".*@v(\\d+).*", "$1"));
      assertThat(NODE24_MAJORS)
          .as("%s: an action whose Node 24 major is known", use)
          .containsKey(action);
      assertThat(major)
          .as(use + " runs on Node 24")
          .isGreaterThanOrEqualTo(NODE24_MAJORS.get(action));
    }
  }

  @Test
  void everyArtifactNameIsUniquePerRunAttempt() throws IOException {
    List<JsonNode> uploads =
        allSteps().stream()
            .filter(s -> s.path("uses").asText().startsWith("actions/upload-artifact@"))
            .toList();
    assertThat(uploads).hasSizeGreaterThanOrEqualTo(8);
    for (JsonNode upload : uploads) {
      assertThat(upload.at("/with/name").asText())
          .as("a re-run attempt uploads under a name of its own")
          .contains("${{ github.run_id }}-${{ github.run_attempt }}");
    }
  }

  @Test
  void everyJobThatUploadsReportsSummarisesTheVerdictsAndUploadsTheLogs() throws IOException {
    try (Stream<Path> files = Files.list(WORKFLOWS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
        JsonNode workflow = YAML.readTree(file.toFile());
        workflow
            .get("jobs")
            .fields()
            .forEachRemaining(
                job -> {
                  List<JsonNode> steps = new ArrayList<>();
                  job.getValue().get("steps").forEach(steps::add);
                  List<JsonNode> uploads =
                      steps.stream()
                          .filter(
                              s -> s.path("uses").asText().startsWith("actions/upload-artifact@"))
                          .toList();
                  if (uploads.isEmpty()) {
                    return;
                  }
                  String where = file.getFileName() + " job " + job.getKey();
                  assertThat(steps)
                      .as(where + ": a verdict summary even when the run failed")
                      .anySatisfy(
                          s -> {
                            assertThat(s.path("if").asText()).isEqualTo("always()");
                            assertThat(s.path("run").asText()).contains("verdict-summary");
                          });
                  String paths = uploads.get(0).at("/with/path").asText();
                  if (file.getFileName().toString().equals("flink-chaos.yml")) {
                    assertThat(paths).contains("flink-chaos-out/");
                  } else {
                    assertThat(paths)
                        .as(where + ": the harness's log and the kept cluster work directories")
                        .contains("harness/target/harness.log", "harness/target/flink-chaos/");
                  }
                });
      }
    }
  }

  @Test
  void noRunStepSeesASecretOtherThanThroughItsEnvironment() throws IOException {
    for (JsonNode step : allSteps()) {
      assertThat(step.path("run").asText()).doesNotContain("secrets.");
    }
  }

  @Test
  void theReusableWorkflowTakesATeamsFilesAndRunsTheHarnessAtTheCalledRef() throws IOException {
    JsonNode reusable = workflow("flink-chaos.yml");
    JsonNode call = reusable.at("/on/workflow_call");
    assertThat(call.isMissingNode()).as("on: workflow_call").isFalse();
    assertThat(call.get("inputs").fieldNames())
        .toIterable()
        .contains(
            "config",
            "features",
            "job-jar",
            "flink-deployment",
            "flink-session-job",
            "platform",
            "tags",
            "flink-versions");
    assertThat(call.at("/secrets/kubeconfig/required").asBoolean(true)).isFalse();
    JsonNode chaos = reusable.at("/jobs/chaos");
    assertThat(chaos.at("/strategy/matrix/flink").asText()).contains("fromJSON");
    assertThat(chaos.get("steps"))
        .as("this harness checked out at the ref the caller named")
        .anySatisfy(
            step -> {
              assertThat(step.at("/with/repository").asText())
                  .isEqualTo("${{ job.workflow_repository }}");
              assertThat(step.at("/with/ref").asText()).isEqualTo("${{ job.workflow_sha }}");
            });
    assertThat(runs(reusable))
        .anySatisfy(run -> assertThat(run).contains("bin/flink-chaos").contains("--config"))
        .anySatisfy(
            run ->
                assertThat(run)
                    .contains("install -DskipTests -DskipITs -Dflink.version=\"$FLINK\""));
  }

  @Test
  void releasePublishesOnVersionTagsWithTheReleaseProfile() throws IOException {
    JsonNode release = workflow("release.yml");
    assertThat(release.at("/on/push/tags").toString()).contains("v*");
    assertThat(runs(release))
        .anySatisfy(run -> assertThat(run).contains("deploy", "-Prelease", "-Dgpg.skip=false"));
    String pom = Files.readString(Path.of("..", "pom.xml"));
    assertThat(pom)
        .contains("<id>release</id>", "maven-source-plugin", "maven-javadoc-plugin")
        .contains("maven-gpg-plugin", "central-publishing-maven-plugin", "<licenses>", "<scm>");
  }

  @Test
  void prRunsUnitTestsAndTheLocalSmokeAndSensitivitySuites() throws IOException {
    assertThat(runs(workflow("pr.yml")))
        .anySatisfy(
            run ->
                assertThat(run)
                    .contains("mvn", "verify", "@smoke", "@sensitivity", "not @extended"));
  }

  @Test
  void nightlyRunsTheExtendedSuiteOnTheLocalPlatform() throws IOException {
    JsonNode nightly = workflow("nightly.yml");
    assertThat(nightly.at("/jobs/local-extended").isMissingNode())
        .as("job local-extended")
        .isFalse();
    assertThat(runs(nightly))
        .anySatisfy(
            run ->
                assertThat(run)
                    .contains("mvn", "verify", "-Pextended")
                    .doesNotContain("harness.platform"));
  }

  @Test
  void nightlyRunsTheDefaultSuiteOnEverySupportedFlinkVersionBesidesTheDefault()
      throws IOException {
    JsonNode nightly = workflow("nightly.yml");
    JsonNode versions = nightly.at("/jobs/local-flink-versions/strategy/matrix/flink");
    assertThat(versions.size()).isGreaterThanOrEqualTo(3);
    assertThat(versions.toString()).contains("\"2.").doesNotContain("1.20.3");
    assertThat(runs(nightly))
        .anySatisfy(
            run ->
                assertThat(run)
                    .contains("mvn", "verify", "-Dflink.version=${{ matrix.flink }}")
                    .doesNotContain("harness.platform"));
  }

  @Test
  void nightlyRunsTheFullSuiteOnK3sOverAtLeastTwoOperatorVersions() throws IOException {
    JsonNode nightly = workflow("nightly.yml");
    assertThat(nightly.get("on").has("schedule")).isTrue();
    JsonNode k3s = nightly.get("jobs").get("k3s");
    assertThat(k3s.at("/strategy/matrix/operator").size()).isGreaterThanOrEqualTo(2);
    assertThat(runs(nightly))
        .anySatisfy(
            run ->
                assertThat(run)
                    .contains("-Dharness.platform=k3s")
                    .contains("-Dharness.operator.upgrade-to=${{ matrix.upgrade-to }}")
                    // every scenario but @extended: the default tags plus @object-store (MinIO)
                    .contains("\"-Dcucumber.filter.tags=not @extended\"")
                    .doesNotContain("@smoke"));
    assertThat(k3s.at("/strategy/matrix/include"))
        .as("a leg whose operator upgrade scenario has a newer version to go to")
        .anySatisfy(leg -> assertThat(leg.get("upgrade-to")).isNotNull());
  }

  @Test
  void releaseGateRunsOnDispatchAndTagsAndFailsOnAnyFailedScenario() throws IOException {
    JsonNode gate = workflow("release-gate.yml");
    assertThat(gate.get("on").has("workflow_dispatch")).isTrue();
    assertThat(gate.at("/on/push/tags").size()).isPositive();
    assertThat(runs(gate))
        .anySatisfy(run -> assertThat(run).contains("-Dharness.platform=k3s"))
        .anySatisfy(run -> assertThat(run).contains("verdict-summary"));
    assertThat(Path.of("..", ".github", "scripts", "verdict-summary")).isExecutable();
  }

  /**
   * RunPageBrowserIT must not be skipped silently in CI: every step that runs the integration tests
   * (mvn verify not narrowed by -Dit.test) requires the browser and names it, after a step that
   * fails the job when the runner has no Chrome or chromedriver.
   */
  @Test
  void everyIntegrationTestRunRequiresTheBrowserAnEarlierStepChecked() throws IOException {
    int runs = 0;
    for (String file : List.of("pr.yml", "nightly.yml", "release-gate.yml")) {
      for (JsonNode job : workflow(file).get("jobs")) {
        boolean browserChecked = false;
        for (JsonNode step : job.get("steps")) {
          String run = step.path("run").asText();
          if (run.contains("google-chrome --version")
              && run.contains("$CHROMEWEBDRIVER/chromedriver\" --version")) {
            browserChecked = true;
          }
          if (run.contains("mvn")
              && run.contains("verify")
              && !run.contains("-Dit.test=")
              && !run.contains("-DskipITs")) {
            runs++;
            assertThat(run)
                .as(file + ": " + step.path("name").asText())
                .contains(
                    "-Dharness.browser.required=true",
                    "-Dharness.chrome.binary=/usr/bin/google-chrome",
                    "-Dharness.chromedriver=${CHROMEWEBDRIVER}/chromedriver");
            assertThat(browserChecked)
                .as(file + ": a step before '" + step.path("name").asText() + "' checks Chrome")
                .isTrue();
          }
        }
      }
    }
    assertThat(runs).as("integration test runs in the workflows").isGreaterThanOrEqualTo(7);
  }

  @Test
  void ciRunInstallsChromiumAndRequiresTheBrowserTest() throws IOException {
    assertThat(Files.readString(Path.of("..", ".ci", "run")))
        .contains("apt-get install -y -qq chromium chromium-driver")
        .containsPattern("(?m)^exec mvn -B -ntp verify -Dharness.browser.required=true$");
    assertThat(Files.readString(Path.of("pom.xml")))
        .as("failsafe hands the browser settings to RunPageBrowserIT")
        .contains(
            "<harness.browser.required>${harness.browser.required}</harness.browser.required>",
            "<harness.chrome.binary>${harness.chrome.binary}</harness.chrome.binary>",
            "<harness.chromedriver>${harness.chromedriver}</harness.chromedriver>");
  }

  /**
   * The Flink versions each operator release supports, as the operator names them, read in
   * apache/flink-kubernetes-operator: release-1.14.0's docs/content/docs/concepts/overview.md
   * ("Multiple Flink version support: v1.17, v1.18, v1.19, v1.20, v2.0, v2.1") and its
   * .github/workflows/ci.yml e2e matrix (v1_19 … v2_1); its FlinkVersion enum and CRD already list
   * v2_2, which only release-1.15.0 tests (FLINK-39177, "Enable Flink 2.2 tests"). release-1.15.0:
   * overview.md "v1.19, v1.20, v2.0, v2.1, v2.2", e2e matrix v1_20 … v2_2 (its Java enum has v2_3
   * and v2_4, its CRD's flinkVersion enum stops at v2_2).
   */
  static final Map<String, Set<String>> OPERATOR_SUPPORTS =
      Map.of(
          "1.14.0", Set.of("v1_17", "v1_18", "v1_19", "v1_20", "v2_0", "v2_1"),
          "1.15.0", Set.of("v1_19", "v1_20", "v2_0", "v2_1", "v2_2"));

  static final String DEFAULT_FLINK = "1.20.3";

  /** v2_2 for 2.2.1, as the operator's FlinkVersion names it. */
  private static String crd(String version) {
    Matcher m = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+").matcher(version);
    assertThat(m.matches()).as("%s is major.minor.patch", version).isTrue();
    return "v" + m.group(1) + "_" + m.group(2);
  }

  private static int[] parts(String version) {
    return Stream.of(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
  }

  /**
   * The Flink versions the root pom supports: its enforcer's regex and one profile per version
   * besides the default.
   */
  static Set<String> pomFlinkVersions() throws IOException {
    String pom = Files.readString(Path.of("..", "pom.xml"));
    Matcher regex =
        Pattern.compile("<property>flink.version</property>\\s*<regex>([^<]+)</regex>")
            .matcher(pom);
    assertThat(regex.find()).as("the enforcer's flink.version rule in pom.xml").isTrue();
    Set<String> enforced = new LinkedHashSet<>();
    for (String v : regex.group(1).split("\\|")) {
      enforced.add(v.replace("\\.", "."));
    }
    Set<String> profiles = new LinkedHashSet<>();
    Matcher profile = Pattern.compile("<id>flink-(\\d+\\.\\d+\\.\\d+)</id>").matcher(pom);
    while (profile.find()) {
      profiles.add(profile.group(1));
    }
    Set<String> withDefault = new LinkedHashSet<>(profiles);
    withDefault.add(DEFAULT_FLINK);
    assertThat(enforced).as("enforced = the profiles plus the default").isEqualTo(withDefault);
    return enforced;
  }

  @Test
  void theLocalFlinkVersionsAreOnesTheRootPomSupports() throws IOException {
    Set<String> supported = pomFlinkVersions();
    JsonNode versions =
        workflow("nightly.yml").at("/jobs/local-flink-versions/strategy/matrix/flink");
    assertThat(versions).isNotEmpty();
    versions.forEach(v -> assertThat(supported).contains(v.asText()));
  }

  @Test
  void theK3sMatrixListsOnlyCombinationsTheOperatorSupportsAndCoversEveryOne() throws IOException {
    JsonNode nightly = workflow("nightly.yml");
    JsonNode job = nightly.at("/jobs/k3s-flink-versions");
    assertThat(job.isMissingNode()).as("job k3s-flink-versions").isFalse();
    assertThat(job.get("timeout-minutes").asInt())
        .as("a leg fits a GitHub-hosted runner's 6 h")
        .isLessThanOrEqualTo(360);
    Set<String> pom = pomFlinkVersions();
    Set<String> listed = new LinkedHashSet<>();
    for (JsonNode target : job.at("/strategy/matrix/target")) {
      String operator = target.get("operator").asText();
      String flink = target.get("flink").asText();
      String leg = "operator " + operator + ", Flink " + flink;
      assertThat(OPERATOR_SUPPORTS).as(leg + ": a known operator").containsKey(operator);
      assertThat(pom).as(leg + ": a version the root pom supports").contains(flink);
      assertThat(OPERATOR_SUPPORTS.get(operator))
          .as(leg + ": supported by the operator")
          .contains(crd(flink));
      assertThat(listed.add(operator + "/" + flink)).as(leg + " listed once").isTrue();
      String to = target.get("flink-upgrade-to").asText();
      if (!to.isEmpty()) {
        String upgrade = leg + " upgraded to " + to;
        assertThat(pom).as(upgrade + ": a version the root pom supports").contains(to);
        assertThat(OPERATOR_SUPPORTS.get(operator))
            .as(upgrade + ": supported by the operator")
            .contains(crd(to));
        assertThat(crd(to))
            .as(upgrade + ": another minor, so the operator's flinkVersion changes")
            .isNotEqualTo(crd(flink));
        int[] from = parts(flink);
        int[] target2 = parts(to);
        assertThat(target2[0] * 1000 + target2[1])
            .as(upgrade + ": newer")
            .isGreaterThan(from[0] * 1000 + from[1]);
      }
    }
    // every supported combination runs: here, or (the default 1.20.3) in the k3s job on both
    JsonNode k3sOperators = nightly.at("/jobs/k3s/strategy/matrix/operator");
    for (Map.Entry<String, Set<String>> operator : OPERATOR_SUPPORTS.entrySet()) {
      for (String flink : pom) {
        if (!operator.getValue().contains(crd(flink)) || INCIDENT_ONLY.contains(flink)) {
          continue;
        }
        if (flink.equals(DEFAULT_FLINK)) {
          assertThat(k3sOperators.toString())
              .as("the k3s job runs the default Flink on operator " + operator.getKey())
              .contains("\"" + operator.getKey() + "\"");
        } else {
          assertThat(listed).contains(operator.getKey() + "/" + flink);
        }
      }
    }
    assertThat(job.at("/strategy/matrix/mode").toString()).contains("application");
    assertThat(runs(nightly))
        .anySatisfy(
            run ->
                assertThat(run)
                    .contains("-Dharness.platform=k3s")
                    .contains("-Dflink.version=${{ matrix.target.flink }}")
                    .contains("-Dharness.operator.version=${{ matrix.target.operator }}")
                    .contains("-Dharness.k8s.mode=${{ matrix.mode }}")
                    .contains("-Dharness.flink.upgrade-to=${{ matrix.target.flink-upgrade-to }}")
                    .as("the build prepares the fixture jobs of the upgrade's target")
                    .contains("-Dflink.extra.versions=${{ matrix.target.flink-upgrade-to }}")
                    .contains("@flink-version-upgrade")
                    .contains("@smoke"));
  }

  /**
   * Every operator-bug scenario has the nightly leg it names (its operator release, its bug's tag),
   * and every leg runs at least one scenario: a scenario without its leg would only ever be
   * skipped.
   */
  @Test
  void everyOperatorIncidentScenarioHasItsNightlyLeg() throws IOException {
    String feature = Files.readString(Path.of("..", "features", "operator-incidents.feature"));
    java.util.regex.Matcher scenario =
        java.util.regex.Pattern.compile(
                "@(FLINK-\\d+)\\s+Scenario:[^\\n]*\\n\\s+Given the operator under test is \"([^\"]+)\"")
            .matcher(feature);
    Set<String> wanted = new java.util.TreeSet<>();
    while (scenario.find()) {
      wanted.add(scenario.group(2) + " " + scenario.group(1));
    }
    Set<String> legs = new java.util.TreeSet<>();
    for (JsonNode target :
        workflow("nightly.yml").at("/jobs/k3s-operator-incidents/strategy/matrix/target")) {
      legs.add(target.get("operator").asText() + " " + target.get("bug").asText());
    }
    assertThat(wanted).as("operator-incidents.feature scenarios").isNotEmpty();
    assertThat(legs).as("k3s-operator-incidents legs").isEqualTo(wanted);
  }
}
