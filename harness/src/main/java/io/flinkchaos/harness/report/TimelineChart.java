package io.flinkchaos.harness.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A scenario's timeline as a PNG: the job's records per second over the seconds since the scenario
 * started; completed checkpoints as green dots and failed ones as red crosses along the bottom;
 * sampling gaps as grey triangles along the top; each fault (orange) and upgrade (blue) as a band
 * labelled with its description (a fault with no duration as a narrow one), and each measured
 * recovery as a light band from its start, labelled with its time. The axis shows the seconds in
 * which something was recorded (a cluster start before the job is left out). Headless.
 */
public final class TimelineChart {

  public static final int WIDTH = 1000;
  public static final int HEIGHT = 420;

  /** How wide a fault with no duration (a kill) is drawn, in seconds. */
  static final double INSTANT_WIDTH = 0.4;

  private static final Color THROUGHPUT = new Color(0x1f, 0x5f, 0xa8);
  private static final Color FAULT = new Color(0xf0, 0x8c, 0x1a);
  private static final Color UPGRADE = new Color(0x3a, 0x7b, 0xd5);
  private static final Color RECOVERY = new Color(0x9c, 0xd3, 0x8a);
  private static final Color COMPLETED = new Color(0x2e, 0x8b, 0x3a);
  private static final Color FAILED = new Color(0xc8, 0x1e, 0x1e);
  private static final Color GAP = new Color(0x80, 0x80, 0x80);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final int LABEL_CHARS = 48;
  private static final double LEAD_SECONDS = 2;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private TimelineChart() {}

  public static byte[] png(ScenarioRecord record, String title) {
    JFreeChart chart = chart(record, title);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the timeline of " + record.id(), e);
    }
    return out.toByteArray();
  }

  static JFreeChart chart(ScenarioRecord record, String title) {
    XYPlot plot = new XYPlot();
    NumberAxis seconds = new NumberAxis("seconds since the scenario started");
    plot.setDomainAxis(seconds);
    firstRecorded(record)
        .ifPresent(
            first -> {
              // a cluster start can take most of a scenario: show from just before the job
              seconds.setAutoRangeIncludesZero(false);
              seconds.setLowerBound(Math.max(0, Math.floor(first - LEAD_SECONDS)));
              seconds.setUpperBound(lastRecorded(record) + LEAD_SECONDS);
            });
    plot.setRangeAxis(0, new NumberAxis("records per second (source)"));
    plot.setDataset(0, throughput(record));
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, THROUGHPUT);
    line.setSeriesStroke(0, new BasicStroke(1.8f));
    plot.setRenderer(0, line);

    NumberAxis markAxis = new NumberAxis();
    markAxis.setRange(0, 1);
    markAxis.setVisible(false);
    plot.setRangeAxis(1, markAxis);
    plot.setDataset(1, marks(record));
    plot.mapDatasetToRangeAxis(1, 1);
    XYLineAndShapeRenderer marks = new XYLineAndShapeRenderer(false, true);
    style(marks, 0, new Ellipse2D.Double(-4, -4, 8, 8), COMPLETED);
    style(marks, 1, ShapeUtils.createDiagonalCross(5, 1.2f), FAILED);
    style(marks, 2, ShapeUtils.createDownTriangle(5), GAP);
    plot.setRenderer(1, marks);

    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
    plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
    record.recoveries().forEach(r -> addRecovery(plot, record, r));
    record.faults().forEach(f -> addDisruption(plot, record, f));
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** The earliest moment anything was recorded (sampled, injected, measured), in seconds. */
  private static java.util.OptionalDouble firstRecorded(ScenarioRecord record) {
    return offsets(record).min();
  }

  private static double lastRecorded(ScenarioRecord record) {
    java.util.stream.DoubleStream ends =
        java.util.stream.DoubleStream.concat(
            record.faults().stream()
                .filter(f -> f.endedAt() != null)
                .mapToDouble(f -> record.offset(f.endedAt())),
            record.recoveries().stream()
                .mapToDouble(r -> record.offset(r.from()) + r.took().toMillis() / 1000.0));
    return java.util.stream.DoubleStream.concat(offsets(record), ends).max().orElse(0);
  }

  private static java.util.stream.DoubleStream offsets(ScenarioRecord record) {
    return java.util.stream.Stream.of(
            record.throughput().stream().mapToDouble(ThroughputSeries.Point::offsetSeconds),
            record.checkpoints().stream().mapToDouble(CheckpointLog.Mark::offsetSeconds),
            record.gaps().stream().mapToDouble(ThroughputSeries.Gap::offsetSeconds),
            record.faults().stream().mapToDouble(f -> record.offset(f.startedAt())))
        .flatMapToDouble(d -> d);
  }

  private static XYSeriesCollection throughput(ScenarioRecord record) {
    XYSeries series = new XYSeries("records/s", true, true);
    record.throughput().forEach(p -> series.add(p.offsetSeconds(), p.recordsPerSecond()));
    return new XYSeriesCollection(series);
  }

  private static XYSeriesCollection marks(ScenarioRecord record) {
    XYSeries completed = new XYSeries("checkpoint completed", true, true);
    XYSeries failed = new XYSeries("checkpoint failed", true, true);
    XYSeries gaps = new XYSeries("sample gap", true, true);
    for (CheckpointLog.Mark mark : record.checkpoints()) {
      (mark.status().equals("FAILED") ? failed : completed).add(mark.offsetSeconds(), 0.04);
    }
    record.gaps().forEach(g -> gaps.add(g.offsetSeconds(), 0.97));
    XYSeriesCollection collection = new XYSeriesCollection();
    collection.addSeries(completed);
    collection.addSeries(failed);
    collection.addSeries(gaps);
    return collection;
  }

  private static void style(XYLineAndShapeRenderer renderer, int series, Shape shape, Paint paint) {
    renderer.setSeriesShape(series, shape);
    renderer.setSeriesPaint(series, paint);
    renderer.setSeriesShapesFilled(series, true);
  }

  private static void addDisruption(
      XYPlot plot, ScenarioRecord record, ScenarioRecord.Disruption disruption) {
    double from = record.offset(disruption.startedAt());
    double to =
        disruption.endedAt() == null
            ? from + INSTANT_WIDTH
            : Math.max(record.offset(disruption.endedAt()), from + INSTANT_WIDTH);
    boolean upgrade = disruption.kind() == ScenarioRecord.Disruption.Kind.UPGRADE;
    IntervalMarker band = new IntervalMarker(from, to, upgrade ? UPGRADE : FAULT);
    band.setAlpha(upgrade ? 0.35f : 0.7f);
    band.setLabel(shorten(disruption.description()));
    band.setLabelFont(LABEL);
    band.setLabelPaint(Color.BLACK);
    band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    plot.addDomainMarker(0, band, Layer.BACKGROUND);
  }

  private static void addRecovery(
      XYPlot plot, ScenarioRecord record, ScenarioRecord.Recovery recovery) {
    double from = record.offset(recovery.from());
    double to = from + recovery.took().toMillis() / 1000.0;
    IntervalMarker band = new IntervalMarker(from, to, RECOVERY);
    band.setAlpha(0.45f);
    band.setLabel(
        String.format(
            java.util.Locale.ROOT,
            "%s: %.1f s",
            shorten(recovery.what()),
            recovery.took().toMillis() / 1000.0));
    band.setLabelFont(LABEL);
    band.setLabelPaint(new Color(0x1d, 0x5e, 0x20));
    // below the fault's label, clear of the checkpoint marks along the bottom
    band.setLabelOffset(new RectangleInsets(20, 2, 2, 2));
    band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    plot.addDomainMarker(0, band, Layer.BACKGROUND);
  }

  private static String shorten(String text) {
    return text.length() <= LABEL_CHARS ? text : text.substring(0, LABEL_CHARS - 1) + "…";
  }
}
