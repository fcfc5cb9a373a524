package io.flinkchaos.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

class TimelineChartTest {

  private final ScenarioRecord record = FakeScenarioRecords.killFreezeAndUpgrade();

  @Test
  void rendersAPngOfItsSizeThatIsNotBlank() throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png()));

    assertThat(image.getWidth()).isEqualTo(TimelineChart.WIDTH);
    assertThat(image.getHeight()).isEqualTo(TimelineChart.HEIGHT);
    Set<Integer> colours = new HashSet<>();
    for (int x = 0; x < image.getWidth(); x += 3) {
      for (int y = 0; y < image.getHeight(); y += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours).as("distinct colours in the picture").hasSizeGreaterThan(20);
  }

  /** The kill is an orange band at 10 s; 5 s, before any fault, is plot background. */
  @Test
  void drawsTheFaultAsABandWhereItHappened() {
    ChartRenderingInfo info = new ChartRenderingInfo();
    JFreeChart chart = TimelineChart.chart(record, "fake");
    BufferedImage image =
        chart.createBufferedImage(TimelineChart.WIDTH, TimelineChart.HEIGHT, info);
    Rectangle2D area = info.getPlotInfo().getDataArea();
    XYPlot plot = chart.getXYPlot();
    int y = (int) (area.getMinY() + area.getHeight() * 0.8);

    int inKill = image.getRGB(column(plot, area, FakeScenarioRecords.KILL_AT + 0.2), y);
    int inFreeze = image.getRGB(column(plot, area, 21.5), y);
    int inRecovery = image.getRGB(column(plot, area, 12.5), y);
    int before = image.getRGB(column(plot, area, 5.0), (int) (area.getMinY() + 3));

    assertThat(orange(inKill)).as("pixel %s in the kill's band", hex(inKill)).isTrue();
    assertThat(orange(inFreeze)).as("pixel %s in the freeze's band", hex(inFreeze)).isTrue();
    assertThat(green(inRecovery)).as("pixel %s in the recovery", hex(inRecovery)).isTrue();
    assertThat(before & 0xffffff).as("pixel before any fault").isEqualTo(0xffffff);
  }

  /**
   * The first picture of a JVM loads fonts and classes (seconds); once warm, a picture must take
   * well under half a second, as the after-hook draws one for every scenario.
   */
  @Test
  void rendersInWellUnderHalfASecond() {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      png();
      millis.add((System.nanoTime() - start) / 1_000_000);
    }

    System.out.println("timeline pictures took (ms): " + millis);
    assertThat(millis.get(millis.size() - 1)).isLessThan(500);
  }

  private byte[] png() {
    return TimelineChart.png(record, "TaskManager killed mid-stream  (" + record.id() + ")");
  }

  private static int column(XYPlot plot, Rectangle2D area, double seconds) {
    return (int) plot.getDomainAxis().valueToJava2D(seconds, area, RectangleEdge.BOTTOM);
  }

  private static boolean orange(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    return r > 200 && g > 120 && g < 210 && b < 150;
  }

  private static boolean green(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    return g > r && g > b;
  }

  private static String hex(int rgb) {
    return String.format("#%06x", rgb & 0xffffff);
  }
}
