package dev.highwater.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Writes a report as a folder: report.md, report.json and the charts (lag.png, lag-seconds.png, throughput.png).
 * Everything is written beside the folder first and moved in at the end, so a failure leaves nothing half-made.
 */
public final class ReportFolder {

    public static final int CHART_WIDTH = 900;
    public static final int CHART_HEIGHT = 300;
    public static final List<String> FILES = List.of("report.md", "report.json", "lag.png", "lag-seconds.png",
            "throughput.png");
    /** Each chart's file, by its name in report.json. */
    private static final Map<String, String> CHART_FILES = Map.of("lag", "lag.png", "lagSeconds", "lag-seconds.png",
            "throughput", "throughput.png");

    private ReportFolder() {
    }

    /**
     * Writes the report into {@code folder} (made if missing; an existing one must not hold a report already).
     *
     * @return the folder, absolute
     * @throws ReportException when the folder cannot be written (one sentence)
     */
    public static Path write(IncidentReport report, ChartRenderer renderer, Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new ReportException(target + " is a file, not a folder; choose a folder for the report");
        }
        if (FILES.stream().anyMatch(f -> Files.exists(target.resolve(f)))) {
            throw new ReportException(target + " already holds a report; choose another folder");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> byTitle = new LinkedHashMap<>();
        Map<String, String> byName = new LinkedHashMap<>();
        for (Map.Entry<String, ReportChart> chart : charts(report).entrySet()) {
            String file = CHART_FILES.get(chart.getKey());
            files.put(file, renderer.png(chart.getValue(), CHART_WIDTH, CHART_HEIGHT));
            byTitle.put(chart.getValue().title(), file);
            byName.put(chart.getKey(), file);
        }
        files.put("report.md", ReportMarkdown.of(report, byTitle).getBytes(StandardCharsets.UTF_8));
        files.put("report.json", ReportJson.of(report, byName).getBytes(StandardCharsets.UTF_8));

        Path parent = target.getParent();
        Path staging = parent.resolve("." + target.getFileName() + ".partial-" + System.nanoTime());
        try {
            Files.createDirectories(parent);
            Files.createDirectory(staging);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(staging.resolve(f.getKey()), f.getValue());
            }
            if (Files.exists(target)) {
                for (String f : FILES) {
                    Files.move(staging.resolve(f), target.resolve(f));
                }
                Files.delete(staging);
            } else {
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(staging, target);
                }
            }
            return target;
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new ReportException("the report could not be written to " + target + ": " + e, e);
        }
    }

    /** The report's charts, by file they go to, in the order report.md shows them. */
    static Map<String, ReportChart> charts(IncidentReport r) {
        Map<String, ReportChart> out = new LinkedHashMap<>();
        out.put("lag", new ReportChart("Total lag of " + r.group(), "records",
                List.of(line("total lag", r, p -> p.lag()))));
        out.put("lagSeconds", new ReportChart("Lag in seconds of " + r.group()
                + " (age of the oldest unconsumed record)", "seconds",
                List.of(line("lag in seconds", r, p -> orNaN(p.lagSeconds())))));
        out.put("throughput", new ReportChart("Throughput of " + r.group() + "'s partitions", "records/s",
                List.of(line("produced", r, p -> orNaN(p.produceRate())),
                        line("consumed", r, p -> orNaN(p.consumeRate())))));
        return out;
    }

    private static ReportChart.Line line(String name, IncidentReport r,
                                         ToDoubleFunction<IncidentReport.SeriesPoint> value) {
        List<IncidentReport.SeriesPoint> series = r.series();
        long[] at = new long[series.size()];
        double[] values = new double[series.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = series.get(i).at().toEpochMilli();
            values[i] = value.applyAsDouble(series.get(i));
        }
        return new ReportChart.Line(name, at, values);
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    // what is left is a hidden .partial folder: better than hiding the failure that matters
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
