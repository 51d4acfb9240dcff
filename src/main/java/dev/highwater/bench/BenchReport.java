package dev.highwater.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Collects a suite's figures: each with its unit, target and how it was taken, printed as it is measured. */
public final class BenchReport {

    /** One measured figure; spread is (max − min) / median over the runs, 0 for a single run. */
    public record Figure(String suite, String name, double median, double min, double max, int runs, String unit,
                         String target) {
        public double spread() {
            return median == 0 ? 0 : (max - min) / Math.abs(median);
        }
    }

    private final PrintWriter out;
    private final List<Figure> figures = new ArrayList<>();

    public BenchReport(PrintWriter out) {
        this.out = out;
    }

    public void heading(String text) {
        out.println(text);
        out.flush();
    }

    public void note(String text) {
        out.println("    " + text);
        out.flush();
    }

    /** Records a figure from several runs: median, min and max. */
    public Figure add(String suite, String name, double[] runs, String unit, String target) {
        double[] sorted = runs.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        Figure f = new Figure(suite, name, median, sorted[0], sorted[sorted.length - 1], runs.length, unit, target);
        figures.add(f);
        out.printf(Locale.ROOT, "  %-52s %12s %-6s%s%s%n", name, format(median), unit,
                runs.length > 1 ? String.format(Locale.ROOT, " (%d runs, %s-%s)", runs.length, format(f.min()),
                        format(f.max())) : "",
                target == null ? "" : "   target " + target);
        if (runs.length > 2 && f.spread() > 0.3) {
            out.println("    spread over 30 %: the machine was busy; run again on a quiet machine");
        }
        out.flush();
        return f;
    }

    public Figure add(String suite, String name, double value, String unit, String target) {
        return add(suite, name, new double[] {value}, unit, target);
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    static String format(double v) {
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
