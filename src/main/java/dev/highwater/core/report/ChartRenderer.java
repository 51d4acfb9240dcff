package dev.highwater.core.report;

/** Draws a report's chart as a PNG image, without a display. */
@FunctionalInterface
public interface ChartRenderer {

    /** The chart as the bytes of a PNG image of this size in pixels. */
    byte[] png(ReportChart chart, int width, int height);
}
