package dev.highwater.bench;

import dev.highwater.demo.TestRegistries;

import dev.highwater.core.demo.DemoOptions;
import dev.highwater.net.LocalPorts;
import dev.highwater.bench.fx.FxFrameBench;
import dev.highwater.bench.fx.MessagesFxBench;
import dev.highwater.bench.fx.ScaleScreenBench;
import dev.highwater.bench.fx.StreamFrameBench;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every suite runs on tiny sizes and reports numbers that make sense; no figure is asserted against a target. */
class BenchSuitesTest {

    private final StringWriter text = new StringWriter();
    private final BenchReport report = new BenchReport(new PrintWriter(text, true));

    @Test
    void theDecodeSuiteComparesThePipelineWithTheRawPollLoop() throws Exception {
        DecodeBench.run(report, 3_000, 1, TestRegistries.cache());
        List<BenchReport.Figure> figures = report.figures();
        assertEquals(6, figures.size(), text.toString());
        for (BenchReport.Figure f : figures) {
            assertTrue(f.median() > 0, f.toString());
        }
        assertEquals("x", figures.get(2).unit());
        assertEquals("pipeline / raw poll, same run, registry-framed", figures.get(5).name());
    }

    @Test
    void theMessagesFxSuiteCountsFramesAndHeapWhileTailing() throws Exception {
        MessagesFxBench.run(report, 3_000);
        BenchReport.Figure fps = report.figures().getFirst();
        assertTrue(fps.median() > 0 && fps.median() <= 1_000, fps.toString());
        assertTrue(report.figures().get(2).median() > 0, text.toString());
    }

    @Test
    void theLagSuiteTimesCompleteRefreshes() throws Exception {
        LagBench.run(report, 3, 20, 2);
        List<BenchReport.Figure> figures = report.figures();
        assertEquals(2, figures.size(), text.toString());
        for (BenchReport.Figure f : figures) {
            assertTrue(f.median() > 0 && f.median() < 60, f.toString());
            assertEquals("s", f.unit());
        }
        assertTrue(text.toString().contains("3 groups x 20 partitions = 60 group-partitions"), text.toString());
    }

    @Test
    void theScaleSuiteTimesRefreshesCheckedExactOnABrokerProcessAndKeepsItsCluster(@TempDir Path dir)
            throws Exception {
        ScaleShape tiny = new ScaleShape(3, 13, 2, 4, 8); // a topic no group reads, too
        ScaleBench.Options options = new ScaleBench.Options(1, dir, 1, 0, "384m");
        List<String> sections = new ArrayList<>();
        ScaleBench.run(report, tiny, options, List.of((target, r) -> sections.add(target.bootstrapServers())));
        List<String> names = report.figures().stream().map(BenchReport.Figure::name).toList();
        for (String path : List.of("service", "console")) {
            assertTrue(names.contains("refresh, cold, " + path + "'s path"), names.toString());
            assertTrue(names.contains("refresh, steady, " + path + "'s path"), names.toString());
        }
        for (BenchReport.Figure f : report.figures()) {
            assertTrue(f.median() > 0, f.toString());
        }
        assertEquals(1, sections.size(), "a section added by the caller runs against the cluster");
        assertTrue(text.toString().contains("24 group-partitions"), text.toString());

        // the kept folder is used as it is on the next run: nothing is created or produced again
        ScaleBench.run(report, tiny, options, List.of());
        assertTrue(text.toString().contains("already holds this shape: set-up skipped"), text.toString());
    }

    @Test
    void theLedgerSuiteMeasuresAgainstConsumerPerformanceInOneRun() throws Exception {
        LedgerBench.run(report, 20_000, 2_000, 1, TestRegistries.cache());
        List<String> names = report.figures().stream().map(BenchReport.Figure::name).toList();
        assertTrue(names.contains("Kafka ConsumerPerformance fetch rate (anchor)"), names.toString());
        assertTrue(names.contains("full replay / ConsumerPerformance"), names.toString());
        assertTrue(names.contains("query in the last 1 %, snapshots vs full replay"), names.toString());
        assertTrue(names.contains("full replay / ConsumerPerformance, registry-framed"), names.toString());
        for (BenchReport.Figure f : report.figures()) {
            assertTrue(f.median() > 0, f.toString());
        }
        BenchReport.Figure heap = report.figures().stream()
                .filter(f -> f.name().startsWith("heap live after GC")).findFirst().orElseThrow();
        assertTrue(heap.median() < 512, heap.toString());
    }

    @Test
    void theTableSuiteMeasuresAgainstConsumerPerformanceInOneRunAndTheHeapInACappedJvm() throws Exception {
        TableBench.run(report, 20_000, 2_000, 1);
        List<String> names = report.figures().stream().map(BenchReport.Figure::name).toList();
        assertTrue(names.contains("Kafka ConsumerPerformance fetch rate (anchor)"), names.toString());
        assertTrue(names.contains("state at an instant / ConsumerPerformance"), names.toString());
        for (BenchReport.Figure f : report.figures()) {
            assertTrue(f.median() > 0, f.toString());
        }
        BenchReport.Figure heap = report.figures().stream()
                .filter(f -> f.name().startsWith("heap live after a full GC")).findFirst().orElseThrow();
        assertTrue(heap.median() < 512, heap.toString());
        assertTrue(text.toString().contains("asked again: 0 records read"), text.toString());
    }

    @Test
    void theFootprintSuiteSamplesTheConsoleAndTheDemoInProcessesOfTheirOwn() throws Exception {
        // the console's demo starts on the default ports, as a user's does
        assumeTrue(!LocalPorts.accepts(DemoOptions.DEFAULT_KAFKA_PORT)
                && !LocalPorts.accepts(DemoOptions.DEFAULT_GRPC_PORT), "ports 9092 and 50051 are in use here");
        // the console under the headless glass platform the UI tests use; the demo as `demo` runs
        FootprintBench.run(report, 12, List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Dprism.order=sw", "-Dprism.text=t2k", "-Djava.awt.headless=true"));
        List<String> names = report.figures().stream().map(BenchReport.Figure::name).toList();
        assertTrue(names.contains("console memory: resident set, highest"), names.toString());
        assertTrue(names.contains("demo memory: resident set, highest"), names.toString());
        for (BenchReport.Figure f : report.figures()) {
            if (f.name().endsWith("highest")) {
                assertTrue(f.median() > 100 && f.median() < 4_096, f.toString()); // a JVM running a broker
            }
        }
        assertTrue(text.toString().contains("console memory, resident set over time:"), text.toString());
    }

    @Test
    void consumerPerformanceOutputIsParsed() {
        var r = ConsumerPerformanceAnchor.parse("""
                start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                2026-11-22 03:04:47:074, 2026-11-22 03:04:50:100, 120.5, 39.8, 1000000, 330469.3, 3026, 964, 125.0, 1037344.4
                """);
        assertEquals(1_000_000, r.records());
        assertEquals(1_037_344.4, r.fetchRecordsPerSecond(), 0.01);
        assertEquals(0.964, r.fetchSeconds(), 1e-9);
    }

    @Test
    void theKafkaSuiteRunsKafkasOwnPerformanceTools() throws Exception {
        KafkaAnchorBench.run(report, 20_000, 1);
        List<BenchReport.Figure> f = report.figures();
        assertEquals(3, f.size(), text.toString());
        for (BenchReport.Figure anchor : f) {
            assertEquals("rec/s", anchor.unit());
            assertTrue(anchor.median() > 1_000 && anchor.median() < 100_000_000, anchor.toString());
        }
        assertEquals(20_000, ProducerPerformanceAnchor.parse("20000 records sent, 81300.8 records/sec (7.75 MB/sec),"
                + " 95.21 ms avg latency, 301.00 ms max latency.").records());
    }

    @Test
    void theCodecSuiteMeasuresSizesAndParseTimesOfTransaction() throws Exception {
        CodecBench.run(report, 2);
        List<BenchReport.Figure> f = report.figures();
        assertEquals(7, f.size(), text.toString());
        double protobuf = f.get(0).median();
        double pretty = f.get(1).median();
        double minified = f.get(2).median();
        assertTrue(protobuf > 50 && protobuf < minified && minified < pretty, text.toString());
        for (BenchReport.Figure parse : f.subList(3, 7)) {
            assertEquals("ms", parse.unit());
            assertTrue(parse.median() > 0 && parse.runs() == 2, parse.toString());
        }
    }

    @Test
    void figuresGoToJsonAndIntoTheReadmeBetweenItsMarkers() {
        report.add("lag", "refresh", new double[] {0.3, 0.2, 0.4}, "s", "at most 1 s");
        String json = report.toJson("highwater bench lag", "2 cores", "2026-11-22");
        assertTrue(json.contains("\"name\":\"refresh\",\"median\":0.3,\"min\":0.2,\"max\":0.4,\"runs\":3"), json);
        String table = report.markdown("highwater bench lag", "2 cores", "2026-11-22");
        assertTrue(table.contains("| lag | refresh | at most 1 s | 0.300 s (0.200-0.400, 3 runs) ⚠ busy |"), table);
        String readme = "# X\n\n## Performance\n" + BenchReport.BEGIN + "\nold\n" + BenchReport.END + "\nafter\n";
        String updated = BenchReport.replaceSection(readme, table);
        assertTrue(updated.startsWith("# X\n\n## Performance\n" + BenchReport.BEGIN + "\nMeasured with"), updated);
        assertTrue(updated.endsWith(BenchReport.END + "\nafter\n") && !updated.contains("old"), updated);
    }

    @Test
    void theFxSuiteCountsFramesOfTheRealScreen() throws Exception {
        FxFrameBench.run(report, 12, 2);
        BenchReport.Figure median = report.figures().getFirst();
        assertTrue(median.median() > 0 && median.median() <= 1_000, median.toString());
        assertTrue(median.runs() >= 1, median.toString());
    }

    @Test
    void theScaleScreenSuiteCountsFramesHeapAndStorageOnALargeSyntheticCluster() throws Exception {
        ScaleScreenBench.run(report, 60, 240, 1_200, 3, 0);
        BenchReport.Figure fps = report.figures().getFirst();
        assertTrue(fps.median() > 0 && fps.median() <= 1_000, fps.toString());
        BenchReport.Figure series = figure("chart series in memory");
        assertTrue(series.median() > 0 && series.median() <= 64 * 4, "one group opened: " + series);
        BenchReport.Figure heap = figure("heap after a full collection, the screen open");
        assertTrue(heap.median() > 1 && heap.median() < 2_000, heap.toString());
    }

    private BenchReport.Figure figure(String name) {
        return report.figures().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theGrpcSuiteTimesBothUnaryPathsAndTakesAStreamInFull() throws Exception {
        GrpcBench.runUnary(report, 40, 100);
        StreamFrameBench.run(report, 20_000, 1);
        assertTrue(report.figures().stream().anyMatch(f -> f.name().equals("workbench overhead at p50")), text.toString());
        BenchReport.Figure sent = report.figures().stream()
                .filter(f -> f.name().equals("stream: messages sent by the server")).findFirst().orElseThrow();
        BenchReport.Figure taken = report.figures().stream()
                .filter(f -> f.name().equals("stream: messages taken into the feed")).findFirst().orElseThrow();
        assertEquals(20_000, sent.median());
        assertEquals(sent.median(), taken.median(), text.toString());
    }

    @Test
    void aSyntheticClusterMovesOnWithTime() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000);
        java.time.Clock clock = new java.time.Clock() {
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public java.time.Instant instant() {
                return java.time.Instant.ofEpochMilli(now.get());
            }
        };
        SyntheticCluster cluster = new SyntheticCluster(8, clock);
        var first = cluster.read(java.util.Set.of());
        now.addAndGet(2_000);
        var second = cluster.read(java.util.Set.of());
        var p0 = new dev.highwater.core.lag.PartitionId(SyntheticCluster.TOPIC, 0);
        assertTrue(second.logs().get(p0).logEnd() > first.logs().get(p0).logEnd());
        assertEquals(8, second.logs().size());
    }
}
