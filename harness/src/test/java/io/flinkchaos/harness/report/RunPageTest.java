package io.flinkchaos.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPageTest {

  @TempDir Path dir;

  private Document page(Path summary, Path index) throws IOException {
    RunPage.write(summary, index);
    return Jsoup.parse(index.toFile());
  }

  private Document fakePage() throws IOException {
    Path reports = dir.resolve("reports");
    return page(FakeReports.layOut(reports), reports.resolve("index.html"));
  }

  private static Element row(Document page, String id) {
    return page.selectFirst("#scenarios tbody tr[data-id=" + id + "]");
  }

  @Test
  void listsFailedScenariosFirstThenTheRestInRunOrder() throws IOException {
    Document page = fakePage();
    assertThat(page.select("#scenarios tbody tr").eachAttr("data-id"))
        .containsExactlyElementsOf(FakeReports.PAGE_ORDER);
    assertThat(page.select("#scenarios tbody tr").eachAttr("data-status"))
        .containsExactly("FAILED", "FAILED", "PASSED", "PASSED", "SKIPPED");
  }

  @Test
  void aScenarioNameOrMessageWithMarkupIsShownAsTextNeverRun() throws IOException {
    Document page = fakePage();
    String html = Files.readString(dir.resolve("reports/index.html"));
    assertThat(html).doesNotContain("<script").contains("&lt;script&gt;");
    assertThat(page.select("script")).isEmpty();
    Element failed = row(page, "upgrade.feature:31");
    assertThat(failed.selectFirst(".scenario-name").text()).isEqualTo(FakeReports.INJECTED_NAME);
    assertThat(failed.selectFirst("td.message").text())
        .isEqualTo("expected VALID but was INVALID: <b>3 LOST</b> ranges & 1 DUPLICATE");
    assertThat(failed.select("td.message b")).isEmpty();
  }

  @Test
  void aRedCaseThatIsInvalidAsExpectedIsMarkedFineAndAnUnexpectedVerdictIsNot() throws IOException {
    Document page = fakePage();
    Element redCase = row(page, "sensitivity.feature:20").selectFirst("li.witness");
    assertThat(redCase.classNames()).contains("as-expected");
    assertThat(redCase.selectFirst(".verdict").text()).isEqualTo("INVALID");
    assertThat(redCase.selectFirst(".expected").text()).isEqualTo("(expected)");
    assertThat(redCase.text()).contains("LOST 3");

    Element broken = row(page, "upgrade.feature:31").selectFirst("li.witness");
    assertThat(broken.classNames()).contains("unexpected");
    assertThat(broken.selectFirst(".expected").text()).isEqualTo("(expected VALID)");
    assertThat(row(page, "upgrade.feature:31").select("li.witness").get(1).classNames())
        .as("no expectation: VALID reads as valid")
        .contains("valid");
    assertThat(row(page, "checkpoint-storage.feature:44").selectFirst("li.witness").classNames())
        .contains("unknown");
  }

  @Test
  void eachRowShowsRecoveryFaultsDurationAndTheScenariosOwnFlinkVersion() throws IOException {
    Document page = fakePage();
    Element upgrade = row(page, "upgrade.feature:31");
    assertThat(upgrade.select("td").get(3).text()).isEqualTo("restore to RUNNING: 12.7 s");
    assertThat(upgrade.selectFirst("details summary").text()).isEqualTo("2");
    assertThat(upgrade.select("details li").eachText())
        .containsExactly("20.0 s upgrade: stop with savepoint", "30.5 s fault: SIGKILL JobManager");
    assertThat(upgrade.select("td").get(5).text()).isEqualTo("1 min 35 s");
    assertThat(upgrade.selectFirst(".scenario-id").text())
        .isEqualTo("upgrade.feature:31 · @upgrades · Flink 2.2.1");
    assertThat(row(page, "network.feature:8").selectFirst("td.message").text())
        .isEqualTo("network namespaces need root: run as root or skip @network");
  }

  @Test
  void theHeaderShowsPlatformVersionsTotalsAndDuration() throws IOException {
    Document page = fakePage();
    assertThat(page.title()).isEqualTo("flink-chaos run: local, Flink 1.20.3");
    assertThat(page.select("dl.run dt").eachText())
        .containsExactly(
            "Platform", "Flink", "Operator", "Storage", "Started", "Finished", "Duration");
    assertThat(page.select("dl.run dd").eachText())
        .containsExactly(
            "local",
            "1.20.3",
            "none (no operator)",
            "local",
            "2026-12-02T12:00:00.123Z",
            "2026-12-02T12:07:30.123Z",
            "7 min 30 s");
    assertThat(page.selectFirst("#totals").text())
        .isEqualTo("5 scenarios: 2 passed, 2 failed, 1 skipped, 0 other");
  }

  @Test
  void linksTimelinesAndEvidenceThatExistAndSaysWhichAreMissing() throws IOException {
    Document page = fakePage();
    Element upgrade = row(page, "upgrade.feature:31");
    assertThat(upgrade.selectFirst("td.timeline img").attr("src"))
        .isEqualTo("timelines/upgrade.feature-31.png");
    assertThat(upgrade.selectFirst("td.timeline a").attr("href"))
        .isEqualTo("timelines/upgrade.feature-31.png");
    assertThat(upgrade.selectFirst("td.evidence a").attr("href"))
        .isEqualTo("evidence/upgrade.feature-31.txt");
    Element storage = row(page, "checkpoint-storage.feature:44");
    assertThat(storage.select("img")).isEmpty();
    assertThat(storage.selectFirst("td.timeline").text())
        .isEqualTo("no timeline file at timelines/checkpoint-storage.feature-44.png");
    assertThat(storage.selectFirst("td.evidence").text())
        .isEqualTo("no evidence file at evidence/checkpoint-storage.feature-44.txt");
    assertThat(row(page, "network.feature:8").selectFirst("td.timeline").text()).isEqualTo("-");
  }

  @Test
  void aPageOutsideReportsLinksBackIntoIt() throws IOException {
    Path summary = FakeReports.layOut(dir.resolve("reports"));
    Document page = page(summary, dir.resolve("site/run/index.html"));
    assertThat(row(page, "upgrade.feature:31").selectFirst("img").attr("src"))
        .isEqualTo("../../reports/timelines/upgrade.feature-31.png");
  }

  @Test
  void aFileOutsideReportsIsNeverLinked() throws IOException {
    Path reports = dir.resolve("reports");
    Path summary = FakeReports.layOut(reports);
    FakeReports.png(dir.resolve("outside.png"), java.awt.Color.BLACK);
    Files.writeString(
        summary,
        Files.readString(summary)
            .replace("timelines/taskmanager-kill.feature-12.png", "../outside.png"));
    Document page = page(summary, reports.resolve("index.html"));
    assertThat(row(page, "taskmanager-kill.feature:12").select("img")).isEmpty();
  }

  @Test
  void thePageIsSelfContained() throws IOException {
    Document page = fakePage();
    assertThat(page.select("link, script, iframe, object")).isEmpty();
    assertThat(page.select("[src], [href]"))
        .allSatisfy(
            e ->
                assertThat(e.hasAttr("src") ? e.attr("src") : e.attr("href"))
                    .doesNotContain(":")
                    .doesNotStartWith("/"));
    assertThat(page.selectFirst("head style").data()).contains("table{");
  }

  @Test
  void pathSegmentsArePercentEncoded() {
    assertThat(RunPage.encode("javascript:alert(1)")).isEqualTo("javascript%3Aalert%281%29");
    assertThat(RunPage.encode("a b?c#d.png")).isEqualTo("a%20b%3Fc%23d.png");
    assertThat(RunPage.encode("ü")).isEqualTo("%C3%BC");
  }

  @Test
  void aMissingSummaryIsOneLineNamingTheFile() {
    Path missing = dir.resolve("reports/summary.json");
    assertThatThrownBy(() -> RunPage.write(missing, dir.resolve("reports/index.html")))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("no run summary at " + missing.toAbsolutePath())
        .hasMessageNotContaining("\n");
    assertThat(dir.resolve("reports/index.html")).doesNotExist();
  }

  @Test
  void anEmptyOrBrokenSummaryIsOneLine() throws IOException {
    Path summary = dir.resolve("summary.json");
    Files.writeString(summary, "");
    assertThatThrownBy(() -> RunPage.write(summary, dir.resolve("index.html")))
        .hasMessageContaining("is empty")
        .hasMessageNotContaining("\n");
    Files.writeString(summary, "{\"schemaVersion\": 1, \"scenarios\": [");
    assertThatThrownBy(() -> RunPage.write(summary, dir.resolve("index.html")))
        .hasMessageContaining("is not a summary document")
        .hasMessageNotContaining("\n");
    Files.writeString(summary, "{\"schemaVersion\": 2}");
    assertThatThrownBy(() -> RunPage.write(summary, dir.resolve("index.html")))
        .hasMessageContaining("has schemaVersion 2: this reader reads version 1");
    Files.writeString(
        summary,
        "{\"schemaVersion\": 1, \"startedAt\": \"2026-12-02T12:00:00Z\", \"platform\": \"local\","
            + " \"flinkVersion\": \"1.20.3\", \"totals\": {}}");
    assertThatThrownBy(() -> RunPage.write(summary, dir.resolve("index.html")))
        .hasMessageContaining("does not match its schema (summary.schema.json): ")
        .hasMessageContaining("required property")
        .hasMessageNotContaining("\n");
    assertThat(dir.resolve("index.html")).doesNotExist();
  }

  @Test
  void anUnfinishedRunSaysSo() throws IOException {
    Path reports = dir.resolve("reports");
    Path summary = FakeReports.layOut(reports);
    Files.writeString(
        summary,
        Files.readString(summary).replace("\"finishedAt\": \"2026-12-02T12:07:30.123Z\",", ""));
    Document page = page(summary, reports.resolve("index.html"));
    assertThat(page.select("dl.run dd").eachText())
        .contains("not finished (no finishedAt)")
        .doesNotContain("7 min 30 s");
  }
}
