package dev.highwater.bench;

import dev.highwater.core.text.JsonWriter;

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

    /** Every figure as JSON, with the command and the machine that made them. */
    public String toJson(String command, String machine, String when) {
        JsonWriter j = new JsonWriter();
        j.beginObject().name("command").value(command).name("machine").value(machine).name("when").value(when)
                .name("figures").beginArray();
        for (Figure f : figures) {
            j.beginObject().name("suite").value(f.suite()).name("name").value(f.name()).name("median").value(f.median())
                    .name("min").value(f.min()).name("max").value(f.max()).name("runs").value((long) f.runs())
                    .name("unit").value(f.unit()).name("target").value(f.target()).endObject();
        }
        return j.endArray().endObject().toString();
    }

    /** The figures as a Markdown table for the README: suite, figure, target, median, spread over the runs. */
    public String markdown(String command, String machine, String when) {
        StringBuilder b = new StringBuilder();
        b.append("Measured with `").append(command).append("` on ").append(machine).append(", ").append(when)
                .append(". Median of the runs, with the lowest and highest in brackets; a spread over 30 % is marked"
                        + " (the machine was busy: run again).\n\n");
        b.append("| suite | figure | target | measured |\n|---|---|---|---|\n");
        for (Figure f : figures) {
            b.append("| ").append(f.suite()).append(" | ").append(f.name()).append(" | ")
                    .append(f.target() == null ? "" : f.target()).append(" | ").append(format(f.median())).append(' ')
                    .append(f.unit());
            if (f.runs() > 1) {
                b.append(" (").append(format(f.min())).append("-").append(format(f.max())).append(", ")
                        .append(f.runs()).append(" runs)");
            }
            if (f.runs() > 2 && f.spread() > 0.3) {
                b.append(" ⚠ busy");
            }
            b.append(" |\n");
        }
        return b.toString();
    }

    /** Markers around the README's generated figures. */
    public static final String BEGIN = "<!-- bench:begin -->";
    public static final String END = "<!-- bench:end -->";

    /** The README with the text between the markers replaced (the markers are added at the end when missing). */
    public static String replaceSection(String readme, String section) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            return readme + "\n" + BEGIN + "\n" + section + END + "\n";
        }
        return readme.substring(0, begin + BEGIN.length()) + "\n" + section + readme.substring(end);
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
