package io.flinkchaos.harness.report;

import io.flinkchaos.harness.report.RunSummary.Fault;
import io.flinkchaos.harness.report.RunSummary.Recovery;
import io.flinkchaos.harness.report.RunSummary.Scenario;
import io.flinkchaos.harness.report.RunSummary.Witness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;

/**
 * The run page, reports/index.html: one self-contained HTML file (inline style, no script, nothing
 * fetched from the network) made from reports/summary.json. A header with the run's platform,
 * versions, totals and duration, then one row per scenario, failed ones first and the rest in run
 * order: each witness's verdict beside what the scenario expected of it, recovery times, faults,
 * the timeline picture and the evidence file. jsoup builds the document, so every name, message and
 * path from the summary is escaped as text or attribute.
 */
public final class RunPage {

  private static final String STYLE =
      """
      body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1d2127;background:#fff}
      h1{font-size:1.4em;margin:0 0 .3em}
      dl.run{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;margin:.5em 0 1em}
      dl.run dt{color:#5a6270}dl.run dd{margin:0}
      .totals{font-size:1.1em}.totals span{font-weight:600}
      table{border-collapse:collapse;width:100%}
      th,td{border-bottom:1px solid #d8dce2;padding:.45em .5em;text-align:left;vertical-align:top}
      th{background:#f1f3f6;font-weight:600}
      tr.status-failed{background:#fdecec}
      .status{font-weight:700;white-space:nowrap}
      .status-failed .status,.failed{color:#b3261e}
      .status-passed .status,.passed{color:#1e7b34}
      .status-skipped .status,.skipped,.other{color:#8a6d00}
      .scenario-id{color:#5a6270;font-size:.85em}
      td.verdicts{min-width:17em}
      ul.witnesses,ul.recoveries{list-style:none;margin:0;padding:0}
      .verdict{display:inline-block;min-width:5.5em;font-weight:700;font-size:.85em;padding:0 .3em;
        border-radius:3px;text-align:center;color:#fff}
      .as-expected .verdict,.valid .verdict{background:#1e7b34}
      .unexpected .verdict,.invalid .verdict{background:#b3261e}
      .unknown .verdict{background:#8a6d00}
      .expected,.witness-summary{color:#5a6270;font-size:.85em}
      .unexpected .expected{color:#b3261e;font-weight:700}
      img.thumb{width:220px;border:1px solid #d8dce2;display:block}
      .missing{color:#b3261e;font-size:.85em}
      td.message{font-family:ui-monospace,monospace;font-size:.85em;white-space:pre-wrap;min-width:14em;
        max-width:32em;word-break:break-word}
      .number{text-align:right;white-space:nowrap}
      """;

  private RunPage() {}

  /**
   * Writes {@code indexHtml} from {@code summaryJson}. Paths in the summary are relative to the
   * summary's folder (reports/); the page links them relative to its own folder.
   *
   * @throws IOException in one line when the summary is missing, empty or not a summary document
   */
  public static void write(Path summaryJson, Path indexHtml) throws IOException {
    RunSummary summary = RunSummaryReader.read(summaryJson);
    Path reports = summaryJson.toAbsolutePath().normalize().getParent();
    Path pageDir = indexHtml.toAbsolutePath().normalize().getParent();
    Document page = new RunPage.Builder(summary, reports, pageDir).build();
    Files.createDirectories(pageDir);
    Files.writeString(indexHtml, page.outerHtml(), StandardCharsets.UTF_8);
  }

  /** Failed scenarios first, each group in run order. */
  static List<Scenario> failedFirst(List<Scenario> scenarios) {
    return scenarios.stream().sorted(Comparator.comparing(s -> !s.failed())).toList();
  }

  private record Builder(RunSummary summary, Path reports, Path pageDir) {

    Document build() {
      Document page = Document.createShell("");
      page.prependChild(new DocumentType("html", "", ""));
      page.outputSettings().charset(StandardCharsets.UTF_8);
      Element html = page.selectFirst("html");
      html.attr("lang", "en");
      Element head = page.head();
      head.appendElement("meta").attr("charset", "utf-8");
      head.appendElement("meta")
          .attr("name", "viewport")
          .attr("content", "width=device-width, initial-scale=1");
      page.title("flink-chaos run: " + summary.platform() + ", Flink " + summary.flinkVersion());
      head.appendElement("style").appendText(STYLE);
      header(page.body().appendElement("header"));
      scenarios(page.body().appendElement("main"));
      return page;
    }

    private void header(Element header) {
      header.appendElement("h1").text("flink-chaos run");
      var totals = summary.totals();
      Element line = header.appendElement("p").addClass("totals").attr("id", "totals");
      line.appendElement("span").text(totals.scenarios() + " scenarios");
      line.appendText(": ");
      line.appendElement("span").addClass("passed").text(totals.passed() + " passed");
      line.appendText(", ");
      line.appendElement("span").addClass("failed").text(totals.failed() + " failed");
      line.appendText(", ");
      line.appendElement("span").addClass("skipped").text(totals.skipped() + " skipped");
      line.appendText(", ");
      line.appendElement("span").addClass("other").text(totals.other() + " other");
      Element run = header.appendElement("dl").addClass("run");
      field(run, "Platform", summary.platform());
      field(run, "Flink", summary.flinkVersion());
      field(
          run,
          "Operator",
          summary.operatorVersion() == null ? "none (no operator)" : summary.operatorVersion());
      if (summary.storage() != null) {
        field(run, "Storage", summary.storage());
      }
      field(run, "Started", summary.startedAt());
      field(
          run,
          "Finished",
          summary.finishedAt() == null ? "not finished (no finishedAt)" : summary.finishedAt());
      field(run, "Duration", runDuration());
    }

    private static void field(Element list, String name, String value) {
      list.appendElement("dt").text(name);
      list.appendElement("dd").text(value);
    }

    private String runDuration() {
      if (summary.finishedAt() == null) {
        return "-";
      }
      try {
        return duration(
            Duration.between(
                        OffsetDateTime.parse(summary.startedAt()),
                        OffsetDateTime.parse(summary.finishedAt()))
                    .toMillis()
                / 1000.0);
      } catch (DateTimeParseException e) {
        return "unreadable time: " + e.getParsedString();
      }
    }

    private void scenarios(Element main) {
      Element table = main.appendElement("table").attr("id", "scenarios");
      Element head = table.appendElement("thead").appendElement("tr");
      for (String column :
          List.of(
              "Status",
              "Scenario",
              "Verdicts",
              "Recovery",
              "Faults",
              "Duration",
              "Timeline",
              "Evidence",
              "Message")) {
        head.appendElement("th").attr("scope", "col").text(column);
      }
      Element body = table.appendElement("tbody");
      for (Scenario scenario : failedFirst(summary.scenarios())) {
        row(body.appendElement("tr"), scenario);
      }
    }

    private void row(Element row, Scenario scenario) {
      row.addClass("status-" + scenario.status().toLowerCase(Locale.ROOT))
          .attr("data-id", scenario.id())
          .attr("data-status", scenario.status());
      row.appendElement("td").addClass("status").text(scenario.status());
      Element name = row.appendElement("td").addClass("scenario");
      name.appendElement("div").addClass("scenario-name").text(scenario.name());
      List<String> about = new ArrayList<>();
      about.add(scenario.id());
      if (!scenario.tags().isEmpty()) {
        about.add(String.join(" ", scenario.tags()));
      }
      if (scenario.flinkVersion() != null
          && !scenario.flinkVersion().equals(summary.flinkVersion())) {
        about.add("Flink " + scenario.flinkVersion());
      }
      name.appendElement("div").addClass("scenario-id").text(String.join(" · ", about));
      witnesses(row.appendElement("td").addClass("verdicts"), scenario.witnesses());
      recoveries(row.appendElement("td"), scenario.recoveries());
      faults(row.appendElement("td").addClass("number"), scenario.faults());
      row.appendElement("td").addClass("number").text(duration(scenario.durationSeconds()));
      timeline(row.appendElement("td").addClass("timeline"), scenario);
      evidence(row.appendElement("td").addClass("evidence"), scenario.evidence());
      row.appendElement("td")
          .addClass("message")
          .text(scenario.message() == null ? "" : scenario.message());
    }

    private static void witnesses(Element cell, List<Witness> witnesses) {
      if (witnesses.isEmpty()) {
        cell.text("-");
        return;
      }
      Element list = cell.appendElement("ul").addClass("witnesses");
      for (Witness witness : witnesses) {
        Element item = list.appendElement("li").addClass("witness").addClass(judgement(witness));
        item.appendElement("span").addClass("verdict").text(String.valueOf(witness.verdict()));
        item.appendText(" " + witness.checker());
        if (witness.expected() != null) {
          item.appendText(" ");
          item.appendElement("span")
              .addClass("expected")
              .text(
                  witness.expected().equals(witness.verdict())
                      ? "(expected)"
                      : "(expected " + witness.expected() + ")");
        }
        String anomalies =
            witness.anomalies().entrySet().stream()
                .filter(a -> a.getValue() != null && a.getValue() > 0)
                .map(a -> a.getKey() + " " + a.getValue())
                .collect(Collectors.joining(", "));
        String counts =
            witness.records() == null
                ? ""
                : witness.records()
                    + " records"
                    + (witness.keys() == null ? "" : ", " + witness.keys() + " keys");
        String detail =
            Optional.ofNullable(witness.summary())
                .orElse(String.join("; ", nonEmpty(counts, anomalies)));
        if (!detail.isEmpty()) {
          item.appendElement("div").addClass("witness-summary").text(detail);
        }
      }
    }

    private static List<String> nonEmpty(String... parts) {
      return Arrays.stream(parts).filter(p -> !p.isEmpty()).toList();
    }

    /** A verdict that matches its expectation is fine, even INVALID (a red case). */
    private static String judgement(Witness witness) {
      if (witness.expected() != null) {
        return witness.expected().equals(witness.verdict()) ? "as-expected" : "unexpected";
      }
      return switch (String.valueOf(witness.verdict())) {
        case "VALID" -> "valid";
        case "INVALID" -> "invalid";
        default -> "unknown";
      };
    }

    private static void recoveries(Element cell, List<Recovery> recoveries) {
      if (recoveries.isEmpty()) {
        cell.text("-");
        return;
      }
      Element list = cell.appendElement("ul").addClass("recoveries");
      for (Recovery recovery : recoveries) {
        list.appendElement("li").text(recovery.what() + ": " + duration(recovery.seconds()));
      }
    }

    private static void faults(Element cell, List<Fault> faults) {
      if (faults.isEmpty()) {
        cell.text("0");
        return;
      }
      Element details = cell.appendElement("details");
      details.appendElement("summary").text(String.valueOf(faults.size()));
      Element list = details.appendElement("ol");
      for (Fault fault : faults) {
        list.appendElement("li")
            .text(
                (duration(fault.offsetSeconds()) + " ")
                    + (fault.kind() == null ? "" : fault.kind() + ": ")
                    + fault.description());
      }
    }

    private void timeline(Element cell, Scenario scenario) {
      if (scenario.timeline() == null) {
        cell.text("-");
        return;
      }
      Optional<String> href = link(scenario.timeline());
      if (href.isEmpty()) {
        cell.appendElement("span")
            .addClass("missing")
            .text("no timeline file at " + scenario.timeline());
        return;
      }
      cell.appendElement("a")
          .attr("href", href.get())
          .appendElement("img")
          .addClass("thumb")
          .attr("src", href.get())
          .attr("alt", "timeline of " + scenario.name());
    }

    private void evidence(Element cell, String evidence) {
      if (evidence == null) {
        cell.text("-");
        return;
      }
      Optional<String> href = link(evidence);
      if (href.isEmpty()) {
        cell.appendElement("span").addClass("missing").text("no evidence file at " + evidence);
        return;
      }
      cell.appendElement("a").attr("href", href.get()).text("evidence");
    }

    /**
     * The link from the page to a file the summary names (relative to reports/), percent-encoded
     * segment by segment; empty when the file is not there or not inside reports/.
     */
    private Optional<String> link(String relative) {
      Path target;
      try {
        target = reports.resolve(relative).normalize();
      } catch (InvalidPathException e) {
        return Optional.empty();
      }
      if (!target.startsWith(reports) || !Files.isRegularFile(target)) {
        return Optional.empty();
      }
      List<String> segments = new ArrayList<>();
      pageDir.relativize(target).forEach(segment -> segments.add(encode(segment.toString())));
      return Optional.of(String.join("/", segments));
    }
  }

  /** Percent-encodes all but unreserved characters, so no segment reads as a scheme or query. */
  static String encode(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  static String duration(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long whole = Math.round(seconds);
    if (whole < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole % 3600 / 60);
  }
}
