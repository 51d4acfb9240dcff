package dev.highwater.render;

import dev.highwater.core.report.ChartRenderer;
import dev.highwater.core.report.ReportChart;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Draws a report's line charts into PNG images with java.awt alone (an off-screen image, no window), so a report
 * is made the same way on a server without a display: a title, a time axis in UTC, a value axis from 0 with
 * round steps, light grid lines, one coloured line per series (gaps where a value is unknown), and a legend when
 * there is more than one line.
 */
public final class PngLineCharts implements ChartRenderer {

    private static final Color[] COLOURS = {new Color(0x1f, 0x6f, 0xc5), new Color(0xe0, 0x7a, 0x10),
            new Color(0x2a, 0x9d, 0x52), new Color(0xc0, 0x39, 0x2b)};
    private static final Color AXIS = new Color(0x44, 0x44, 0x44);
    private static final Color GRID = new Color(0xe4, 0xe4, 0xe4);
    private static final long[] TIME_STEPS = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000,
            300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000,
            86_400_000};
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private static final long MIN_GAP_MILLIS = 5_000;
    private static final int LEFT = 72;
    private static final int RIGHT = 24;
    private static final int TOP = 40;
    private static final int BOTTOM = 42;

    @Override
    public byte[] png(ReportChart chart, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, chart, width, height);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: not expected
        }
        return out.toByteArray();
    }

    private static void draw(Graphics2D g, ReportChart chart, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(chart.title(), LEFT, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(AXIS);
        g.drawString(chart.valueLabel(), 8, TOP - 8);

        long minT = Long.MAX_VALUE;
        long maxT = Long.MIN_VALUE;
        double maxV = 0;
        boolean any = false;
        for (ReportChart.Line line : chart.lines()) {
            for (int i = 0; i < line.atMillis().length; i++) {
                minT = Math.min(minT, line.atMillis()[i]);
                maxT = Math.max(maxT, line.atMillis()[i]);
                double v = line.values()[i];
                if (Double.isFinite(v)) {
                    maxV = Math.max(maxV, v);
                    any = true;
                }
            }
        }
        int x0 = LEFT;
        int x1 = width - RIGHT;
        int y0 = height - BOTTOM;
        int y1 = TOP;
        if (minT == Long.MAX_VALUE) {
            minT = 0;
            maxT = 60_000;
        } else if (maxT - minT < 1_000) { // one point: a minute around it
            minT -= 30_000;
            maxT += 30_000;
        }
        double step = valueStep(maxV);
        double top = Math.max(step, Math.ceil(maxV / step) * step);
        Scale scale = new Scale(minT, maxT, top, x0, x1, y0, y1);

        FontMetrics fm = g.getFontMetrics();
        for (double v = 0; v <= top + step / 2; v += step) {
            int y = scale.y(v);
            g.setColor(GRID);
            g.drawLine(x0, y, x1, y);
            g.setColor(AXIS);
            String label = valueText(v, step);
            g.drawString(label, x0 - 6 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
        }
        long timeStep = timeStep(maxT - minT, (x1 - x0) / 90);
        DateTimeFormatter format = timeStep >= 86_400_000 || maxT - minT > 86_400_000 ? DAYS
                : timeStep >= 60_000 ? MINUTES : SECONDS;
        for (long t = Math.floorDiv(minT, timeStep) * timeStep + timeStep; t <= maxT; t += timeStep) {
            int x = scale.x(t);
            if (x < x0) {
                continue;
            }
            g.setColor(GRID);
            g.drawLine(x, y0, x, y1);
            g.setColor(AXIS);
            g.drawLine(x, y0, x, y0 + 4);
            String label = format.format(Instant.ofEpochMilli(t));
            g.drawString(label, x - fm.stringWidth(label) / 2, y0 + 6 + fm.getAscent());
        }
        g.setColor(AXIS);
        g.drawLine(x0, y0, x1, y0);
        g.drawLine(x0, y0, x0, y1);
        String utc = "time (UTC, " + DATE.format(Instant.ofEpochMilli(minT))
                + (DATE.format(Instant.ofEpochMilli(minT)).equals(DATE.format(Instant.ofEpochMilli(maxT))) ? ""
                : " to " + DATE.format(Instant.ofEpochMilli(maxT))) + ")";
        g.drawString(utc, x1 - fm.stringWidth(utc), height - 6);

        if (!any) {
            String none = "no values in the window";
            g.drawString(none, (x0 + x1 - fm.stringWidth(none)) / 2, (y0 + y1) / 2);
            return;
        }
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        List<ReportChart.Line> lines = chart.lines();
        for (int l = 0; l < lines.size(); l++) {
            g.setColor(COLOURS[l % COLOURS.length]);
            drawLine(g, lines.get(l), scale);
        }
        if (lines.size() > 1) {
            legend(g, lines, x1, y1);
        }
    }

    private static void drawLine(Graphics2D g, ReportChart.Line line, Scale scale) {
        long gap = gap(line.atMillis());
        Path2D.Double path = new Path2D.Double();
        boolean drawing = false;
        int points = 0;
        double lastX = 0;
        double lastY = 0;
        for (int i = 0; i < line.atMillis().length; i++) {
            double v = line.values()[i];
            if (!Double.isFinite(v)) {
                drawing = false;
                continue;
            }
            double x = scale.x(line.atMillis()[i]);
            double y = scale.y(v);
            if (drawing && line.atMillis()[i] - line.atMillis()[i - 1] > gap) {
                drawing = false; // no history there (the console was not watching): no line across it
            }
            if (drawing) {
                path.lineTo(x, y);
            } else {
                path.moveTo(x, y);
                drawing = true;
            }
            points++;
            lastX = x;
            lastY = y;
        }
        g.draw(path);
        if (points == 1) {
            g.fillOval((int) lastX - 3, (int) lastY - 3, 7, 7);
        }
    }

    /**
     * A step between two points longer than this is a hole in the history: three times the usual step (the
     * median), and at least {@value #MIN_GAP_MILLIS} ms, so slower refreshes are not mistaken for one.
     */
    static long gap(long[] at) {
        if (at.length < 3) {
            return Long.MAX_VALUE;
        }
        long[] steps = new long[at.length - 1];
        for (int i = 1; i < at.length; i++) {
            steps[i - 1] = at[i] - at[i - 1];
        }
        Arrays.sort(steps);
        return Math.max(MIN_GAP_MILLIS, 3 * steps[steps.length / 2]);
    }

    private static void legend(Graphics2D g, List<ReportChart.Line> lines, int right, int top) {
        FontMetrics fm = g.getFontMetrics();
        int x = right;
        for (int l = lines.size() - 1; l >= 0; l--) {
            String name = lines.get(l).name();
            x -= fm.stringWidth(name);
            g.setColor(AXIS);
            g.drawString(name, x, top - 8);
            x -= 22;
            g.setColor(COLOURS[l % COLOURS.length]);
            g.drawLine(x, top - 12, x + 16, top - 12);
            x -= 14;
        }
    }

    /** A round step (1, 2 or 5 times a power of ten) giving four or five lines up to the highest value. */
    static double valueStep(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double raw = max / 4;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return Math.max(m * power, 1e-9);
            }
        }
        return 10 * power;
    }

    /** The smallest round time step that gives at most {@code maxTicks} ticks over the span. */
    static long timeStep(long span, int maxTicks) {
        for (long s : TIME_STEPS) {
            if (span / s <= Math.max(2, maxTicks)) {
                return s;
            }
        }
        long day = TIME_STEPS[TIME_STEPS.length - 1];
        return day * Math.max(1, span / day / Math.max(2, maxTicks) + 1);
    }

    static String valueText(double v, double step) {
        if (v >= 1_000_000 && step >= 100_000) {
            return trim(v / 1_000_000) + "M";
        }
        if (v >= 10_000 && step >= 1_000) {
            return trim(v / 1_000) + "k";
        }
        if (step >= 1) {
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }
        return trim(v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.replaceAll("\\.?0+$", "");
    }

    private record Scale(long minT, long maxT, double top, int x0, int x1, int y0, int y1) {
        int x(long t) {
            return x0 + (int) Math.round((double) (t - minT) / (maxT - minT) * (x1 - x0));
        }

        int y(double v) {
            return y0 - (int) Math.round(v / top * (y0 - y1));
        }
    }
}
