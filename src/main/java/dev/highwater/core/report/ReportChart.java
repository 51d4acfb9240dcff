package dev.highwater.core.report;

import java.util.List;

/**
 * A line chart of a report, as data: a title, what the values are, and lines over time. A NaN value is a gap.
 *
 * @param valueLabel what the vertical axis counts ("records", "seconds", "records/s")
 */
public record ReportChart(String title, String valueLabel, List<Line> lines) {

    public ReportChart {
        lines = List.copyOf(lines);
    }

    /** @param atMillis epoch millis, ascending, as many as {@code values} */
    public record Line(String name, long[] atMillis, double[] values) {
        public Line {
            if (atMillis.length != values.length) {
                throw new IllegalArgumentException("a line needs as many times as values");
            }
        }
    }
}
