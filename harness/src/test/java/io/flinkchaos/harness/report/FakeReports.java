package io.flinkchaos.harness.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A fake reports/ folder for the run page's tests: the sample summary (fake-summary.json, written
 * here by hand after the summary contract, not by a run), real PNG timelines for three of its
 * scenarios and evidence for one failed scenario. The other failed scenario's timeline and evidence
 * are left missing on purpose.
 */
final class FakeReports {

  /** The sample's scenario ids as the page must list them: failed first, each in run order. */
  static final List<String> PAGE_ORDER =
      List.of(
          "upgrade.feature:31",
          "checkpoint-storage.feature:44",
          "taskmanager-kill.feature:12",
          "sensitivity.feature:20",
          "network.feature:8");

  static final String INJECTED_NAME =
      "Upgrade <script>window.runPageInjected = true</script> & keep state";

  private FakeReports() {}

  /** Lays the fake reports out in {@code reports} and returns its summary.json. */
  static Path layOut(Path reports) throws IOException {
    Files.createDirectories(reports.resolve("timelines"));
    Files.createDirectories(reports.resolve("evidence"));
    Path summary = reports.resolve("summary.json");
    try (InputStream sample = FakeReports.class.getResourceAsStream("fake-summary.json")) {
      Files.copy(sample, summary, StandardCopyOption.REPLACE_EXISTING);
    }
    png(reports.resolve("timelines/taskmanager-kill.feature-12.png"), new Color(0x1e7b34));
    png(reports.resolve("timelines/sensitivity.feature-20.png"), new Color(0x2f5fb3));
    png(reports.resolve("timelines/upgrade.feature-31.png"), new Color(0xb3261e));
    Files.writeString(
        reports.resolve("evidence/upgrade.feature-31.txt"),
        "== JobManager log (fake) ==\nrestored from savepoint\n");
    return summary;
  }

  /** A small real PNG: a frame, an axis and a rising line, so a loaded image is visible. */
  static void png(Path file, Color line) throws IOException {
    BufferedImage image = new BufferedImage(440, 160, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, 440, 160);
      g.setColor(Color.LIGHT_GRAY);
      g.drawRect(0, 0, 439, 159);
      g.drawLine(30, 140, 430, 140);
      g.setColor(line);
      int[] xs = {30, 120, 160, 200, 300, 430};
      int[] ys = {120, 60, 130, 70, 50, 40};
      g.drawPolyline(xs, ys, xs.length);
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer for " + file);
    }
  }
}
