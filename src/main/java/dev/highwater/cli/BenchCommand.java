package dev.highwater.cli;

import dev.highwater.core.text.ErrorText;
import dev.highwater.app.Adapters;
import dev.highwater.app.AppVersion;
import dev.highwater.bench.BenchReport;
import dev.highwater.bench.CliBench;
import dev.highwater.bench.CodecBench;
import dev.highwater.bench.ConsoleCpuBench;
import dev.highwater.bench.DecodeBench;
import dev.highwater.bench.DemoBench;
import dev.highwater.bench.FootprintBench;
import dev.highwater.bench.GrpcBench;
import dev.highwater.bench.KafkaAnchorBench;
import dev.highwater.bench.LagBench;
import dev.highwater.bench.LedgerBench;
import dev.highwater.bench.ServeScrapeBench;
import dev.highwater.bench.ScaleBench;
import dev.highwater.bench.ScaleShape;
import dev.highwater.bench.TableBench;
import dev.highwater.bench.fx.FxFrameBench;
import dev.highwater.bench.fx.MessagesFxBench;
import dev.highwater.bench.fx.ScaleScreenBench;
import dev.highwater.bench.fx.StreamFrameBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Measures the figures we promise, on this machine, each printed with its target and how it was taken. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures Highwater's figures on this machine, each beside its anchor in the same run.",
                "Suites: " + BenchCommand.SUITE_NAMES + " (default: all;",
                "fx and fx-messages need a display, grpc counts frames with one),",
                "and footprint (only when named: the console and the demo for an hour; needs a display),",
                "scale-screen (only when named: the Partitions screen on a synthetic cluster of 2,500 groups;",
                "needs a display), and scale (only when named: a cluster of 40,000 partitions on several broker",
                "processes, then the screen's part when there is a display).",
                "Prints a table, writes the figures as JSON (--json) and can rewrite the README's figures (--readme)."})
public final class BenchCommand implements Callable<Integer> {

    /** The suites in the order a full run takes them (one constant, so the help cannot drift from the list). */
    static final String SUITE_NAMES = "kafka, demo, lag, serve-scrape, console-cpu, codec, fx, grpc, ledger, table,"
            + " decode, fx-messages, cli";
    static final List<String> SUITES = List.of(SUITE_NAMES.split(", "));
    /** Run only when named: it takes an hour by default. */
    static final String FOOTPRINT = "footprint";
    /** Run only when named: a synthetic cluster of the size a large company runs, for the console's screen. */
    static final String SCALE_SCREEN = "scale-screen";
    /** Run only when named: its cluster takes minutes to fill and most of a machine to run. */
    static final String SCALE = "scale";

    @Parameters(paramLabel = "SUITE", arity = "0..*", description = "suites to run: " + SUITE_NAMES)
    List<String> suites = SUITES;

    @Option(names = "--quick", description = "smaller sizes and shorter runs: a few minutes in all")
    boolean quick;

    @Option(names = "--rate", paramLabel = "N", description = "demo: traffic asked for (default ${DEFAULT-VALUE} tx/s)")
    int rate = 20_000;

    @Option(names = "--lag-groups", paramLabel = "N", description = "lag: groups (default 100; --quick 20)")
    Integer lagGroups;

    @Option(names = "--lag-partitions", paramLabel = "N", description = "lag: partitions (default 1,000; --quick 200)")
    Integer lagPartitions;

    @Option(names = "--serve-groups", paramLabel = "N", description = "serve-scrape: groups (default 2,500; --quick 500)")
    Integer serveGroups;

    @Option(names = "--serve-partitions", paramLabel = "N",
            description = "serve-scrape: partitions over all groups (default 40,000; --quick 8,000)")
    Integer servePartitions;

    @Option(names = "--decode-records", paramLabel = "N", description = "decode, fx-messages: records (default 2 M and 10 M; --quick 0.5 M and 1 M)")
    Long decodeRecords;

    @Option(names = "--table-records", paramLabel = "N",
            description = "table: records, over a tenth as many keys (default 10 M; --quick 1 M)")
    Long tableRecords;

    @Option(names = "--footprint-minutes", paramLabel = "N",
            description = "footprint: minutes the console and the demo run (default 60; --quick 5)")
    Integer footprintMinutes;

    @Option(names = "--cli-records", paramLabel = "N",
            description = "cli: records printed (default 2 M; --quick 0.5 M)")
    Long cliRecords;

    @Option(names = "--launcher", paramLabel = "PATH",
            description = "cli: the installed launcher to time (default: the build's app image, when there is one)")
    Path launcher;

    @Option(names = "--scale-groups", paramLabel = "N",
            description = "scale and scale-screen: consumer groups (default 2,500; --quick 6 for scale, 500 for"
                    + " scale-screen); scale: each reads 4 topics of 4 partitions of its own; scale-screen: over"
                    + " --scale-topics topics (default 10,000; --quick 2,000) of --scale-partitions partitions in all"
                    + " (default 40,000; --quick 8,000)")
    Integer scaleGroups;

    @Option(names = "--scale-topics", paramLabel = "N", hidden = true)
    Integer scaleTopics;

    @Option(names = "--scale-partitions", paramLabel = "N", hidden = true)
    Integer scalePartitions;

    @Option(names = "--scale-look", paramLabel = "SECONDS",
            description = "scale-screen: keep the screen open this long afterwards, searched, to look at it")
    int scaleLook;

    @Option(names = "--scale-brokers", paramLabel = "N",
            description = "scale: broker processes (default 4; --quick 1)")
    Integer scaleBrokers;

    @Option(names = "--scale-data", paramLabel = "DIR",
            description = "scale: keep the cluster's data in this folder, and reuse what it holds on the next run"
                    + " (default: a temporary folder, filled anew)")
    Path scaleData;

    @Option(names = "--json", paramLabel = "FILE", description = "where the figures go as JSON (default ${DEFAULT-VALUE})")
    Path json = Path.of("bench-results.json");

    @Option(names = "--readme", paramLabel = "FILE", description = "rewrite the figures between the bench markers of this README")
    Path readme;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        for (String suite : suites) {
            if (!SUITES.contains(suite) && !suite.equals(FOOTPRINT) && !suite.equals(SCALE_SCREEN)
                    && !suite.equals(SCALE)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown suite '" + suite
                        + "'; known: " + String.join(", ", SUITES) + ", " + FOOTPRINT + ", " + SCALE_SCREEN + ", "
                        + SCALE);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        BenchReport report = new BenchReport(out);
        report.heading(String.format("Highwater %s bench on %d cores, %s %s, Java %s", AppVersion.get(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.version()));
        List<String> failed = new ArrayList<>();
        for (String suite : suites) {
            try {
                runSuite(suite, report);
            } catch (Exception | Error e) {
                // one suite's failure is reported and the others still run
                failed.add(suite);
                report.note("suite " + suite + " failed: " + ErrorText.oneLine(e));
            }
        }
        writeResults(report, out);
        if (!failed.isEmpty()) {
            throw new CommandFailure("bench: suite(s) " + String.join(", ", failed) + " failed (see above); the"
                    + " other figures were written");
        }
        return 0;
    }

    private void runSuite(String suite, BenchReport report) throws Exception {
        switch (suite) {
            case "kafka" -> KafkaAnchorBench.run(report, quick ? 500_000 : 2_000_000, quick ? 2 : 3);
            case "demo" -> DemoBench.run(report, rate, quick ? 5 : 20);
            case "lag" -> LagBench.run(report, lagGroups != null ? lagGroups : quick ? 20 : 100,
                    lagPartitions != null ? lagPartitions : quick ? 200 : 1_000, quick ? 3 : 5);
            case "serve-scrape" -> ServeScrapeBench.run(report, serveGroups != null ? serveGroups : quick ? 500 : 2_500,
                    servePartitions != null ? servePartitions : quick ? 8_000 : 40_000, quick ? 3 : 5);
            case "console-cpu" -> ConsoleCpuBench.run(report, quick ? 10 : 30);
            case "codec" -> CodecBench.run(report, quick ? 5 : 11);
            case "fx" -> FxFrameBench.run(report, 48, quick ? 10 : 30);
            case "grpc" -> {
                GrpcBench.runUnary(report, quick ? 6_000 : 20_000, 15_000);
                StreamFrameBench.run(report, 50_000, quick ? 5 : 20);
            }
            case "ledger" -> LedgerBench.run(report, quick ? 1_000_000 : 10_000_000, quick ? 100_000 : 1_000_000,
                    quick ? 1 : 3, Adapters.registryCache());
            case "table" -> TableBench.run(report, tableRecords != null ? tableRecords : quick ? 1_000_000 : 10_000_000,
                    tableKeys(), quick ? 1 : 3);
            case "decode" -> DecodeBench.run(report, decodeRecords != null ? decodeRecords
                    : quick ? 500_000 : 2_000_000, quick ? 2 : 3, Adapters.registryCache());
            case "fx-messages" -> MessagesFxBench.run(report,
                    decodeRecords != null ? decodeRecords : quick ? 1_000_000 : 10_000_000);
            case "cli" -> CliBench.run(report, cliRecords != null ? cliRecords : quick ? 500_000 : 2_000_000,
                    quick ? 3 : 5, launcher);
            case FOOTPRINT -> FootprintBench.run(report,
                    60 * (footprintMinutes != null ? footprintMinutes : quick ? 5 : 60), List.of());
            case SCALE_SCREEN -> ScaleScreenBench.run(report, scaleGroups != null ? scaleGroups : quick ? 500 : 2_500,
                    scaleTopics != null ? scaleTopics : quick ? 2_000 : 10_000,
                    scalePartitions != null ? scalePartitions : quick ? 8_000 : 40_000, quick ? 15 : 30, scaleLook);
            case SCALE -> ScaleBench.run(report, scaleShape(), new ScaleBench.Options(
                    scaleBrokers != null ? scaleBrokers : quick ? 1 : 4, scaleData, quick ? 2 : 3, quick ? 1 : 2,
                    quick ? "512m" : "1536m"), screenPart());
            default -> throw new IllegalStateException(suite);
        }
    }

    /**
     * The screen's figures at the cluster's size, on a synthetic cluster of the same shape (the screen measures
     * drawing, not the brokers), when there is a display to draw on; said and left out without one.
     */
    private List<ScaleBench.Section> screenPart() {
        if (quick) {
            return List.of();
        }
        return List.of((target, r) -> {
            if (System.getProperty("os.name", "").startsWith("Linux") && System.getenv("DISPLAY") == null) {
                r.heading("scale-screen: left out, no display (run it under one, or alone as bench scale-screen)");
                return;
            }
            ScaleScreenBench.run(r, target.shape().groups(), target.shape().topics(), target.shape().partitions());
        });
    }

    /** The cluster (or a few groups with --quick), resized by --scale-groups at 4 topics a group. */
    private ScaleShape scaleShape() {
        ScaleShape base = quick ? ScaleShape.QUICK : ScaleShape.FULL;
        if (scaleGroups == null) {
            return base;
        }
        if (scaleGroups < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale-groups must be at least 1");
        }
        return new ScaleShape(scaleGroups, scaleGroups * base.topicsPerGroup(), base.partitionsPerTopic(),
                base.topicsPerGroup(), base.recordsPerPartition());
    }

    /** A tenth of the table's records, as the 10 M records over 1 M keys the figure promises. */
    private int tableKeys() {
        return (int) ((tableRecords != null ? tableRecords : quick ? 1_000_000 : 10_000_000) / 10);
    }

    private void writeResults(BenchReport report, PrintWriter out) throws java.io.IOException {
        String command = "highwater bench" + (suites.equals(SUITES) ? "" : " " + String.join(" ", suites))
                + (quick ? " --quick" : "");
        String machine = Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB max heap, " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ", Java " + Runtime.version();
        String when = LocalDate.now().toString();
        Files.writeString(json, report.toJson(command, machine, when) + "\n");
        out.println("Figures written to " + json.toAbsolutePath());
        if (readme != null) {
            Files.writeString(readme, BenchReport.replaceSection(Files.readString(readme),
                    report.markdown(command, machine, when)));
            out.println("README figures rewritten in " + readme.toAbsolutePath());
        }
    }
}
