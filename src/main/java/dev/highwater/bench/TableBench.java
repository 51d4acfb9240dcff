package dev.highwater.bench;

import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.ledger.LedgerReplay;
import dev.highwater.core.table.TableAt;
import dev.highwater.core.table.TableReplay;
import dev.highwater.core.table.TableSnapshotStore;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.kafka.ledger.KafkaLedgerSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of a keyed topic's state at an instant, in one run against the embedded broker, on one topic written
 * once: the read (read_committed, every key's latest record kept) against Kafka's ConsumerPerformance on the same
 * topic, alternated; then, in a JVM capped at 512 MB of heap, the question with its state saved to H2 and the same
 * question again from the saved state.
 */
public final class TableBench {

    private TableBench() {
    }

    public static void run(BenchReport report, long records, int keys, int runs) throws Exception {
        report.heading(String.format("table: a keyed topic of %,d records over %,d keys (12 partitions, JSON values"
                + " of about 100 B, 2 %% tombstones), its state at now", records, keys));
        Path snapshots = Files.createTempDirectory("highwater-bench-table");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            long t = System.nanoTime();
            TableFill fill = TableFill.write(kafka, "bench-table", records, keys);
            report.note(String.format("wrote %,d records in %.1f s", fill.records, (System.nanoTime() - t) / 1e9));
            boolean anchored = KafkaTools.present();
            if (!anchored) {
                report.note("no anchor: " + KafkaTools.ABSENT);
            }
            rates(report, kafka, fill, runs, anchored);
            heap(report, kafka, fill, snapshots.resolve("table-snapshots.mv.db"));
        } finally {
            LedgerBench.deleteQuietly(snapshots);
        }
    }

    private static void rates(BenchReport report, EmbeddedKafka kafka, TableFill fill, int runs, boolean anchored) {
        ClientSettings client = ClientSettings.of(kafka.bootstrapServers());
        double[] anchor = new double[runs];
        double[] table = new double[runs];
        double[] ratio = new double[runs];
        state(client, fill); // warms the JIT up, untimed
        for (int r = 0; r < runs; r++) {
            if (anchored) {
                anchor[r] = ConsumerPerformanceAnchor.run(kafka.bootstrapServers(), fill.topic, fill.records)
                        .fetchRecordsPerSecond();
            }
            long t0 = System.nanoTime();
            TableAt state = state(client, fill);
            double seconds = (System.nanoTime() - t0) / 1e9;
            table[r] = state.stats().recordsRead() / seconds;
            ratio[r] = table[r] / anchor[r];
            report.note(String.format("run %d: %,d keys from %,d records in %.2f s", r + 1, state.size(),
                    state.stats().recordsRead(), seconds));
        }
        if (anchored) {
            report.add("table", "Kafka ConsumerPerformance fetch rate (anchor)", anchor, "rec/s", null);
        }
        report.add("table", "state at an instant: read_committed, latest record of every key", table, "rec/s", null);
        if (anchored) {
            report.add("table", "state at an instant / ConsumerPerformance", ratio, "x", ">= 0.6");
        }
    }

    private static TableAt state(ClientSettings client, TableFill fill) {
        try (KafkaLedgerSource source = new KafkaLedgerSource(client)) {
            TableAt state = new TableReplay(source, TableSnapshotStore.NONE, TableReplay.Settings.defaults())
                    .at(fill.topic, Instant.now(), LedgerReplay.Listener.NONE, () -> false);
            if (state.stats().recordsRead() != fill.records) {
                throw new IllegalStateException("the state read " + state.stats().recordsRead() + " records of "
                        + fill.records);
            }
            return state;
        }
    }

    private static final Pattern PROBE = Pattern.compile("keys=(\\d+) read=(\\d+) seconds=([0-9.E-]+) saved=(\\d+)"
            + " live=(\\d+) again_read=(\\d+) again_seconds=([0-9.E-]+) again_keys=(\\d+) again_live=(\\d+)"
            + " full_live=(\\d+) full_collections=(\\d+)");

    /**
     * The question in a JVM capped at 512 MB, its state saved, then asked again from the saved state; the heap
     * figure is the highest over both.
     */
    private static void heap(BenchReport report, EmbeddedKafka kafka, TableFill fill, Path file) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-cp",
                System.getProperty("java.class.path"), TableHeapProbe.class.getName(), kafka.bootstrapServers(),
                fill.topic, file.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("the state of " + fill.keys + " keys did not fit a 512 MB heap: "
                    + out.strip().lines().reduce((x, y) -> y).orElse(""));
        }
        Matcher m = PROBE.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("the heap probe printed no figures: " + out.strip());
        }
        report.note(String.format("in a JVM with -Xmx512m: %,d keys from %,d records in %.2f s, its state saved"
                        + " (%s snapshots); asked again: %,d records read in %.2f s from the saved state",
                Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Double.parseDouble(m.group(3)), m.group(4),
                Long.parseLong(m.group(6)), Double.parseDouble(m.group(7))));
        report.add("table", "heap in use after any GC, highest, state of the keys above (-Xmx512m)",
                Long.parseLong(m.group(9)) / 1e6, "MB", "< 512 MB");
        report.add("table", "heap live after a full GC, highest (-Xmx512m)", Long.parseLong(m.group(10)) / 1e6,
                "MB", null);
        if (Long.parseLong(m.group(11)) > 1) {
            report.note(String.format("%s full collections in the -Xmx512m JVM (one asked for by the probe to measure"
                    + " what the answer holds): the values the state keeps die in the old space, which its collector"
                    + " reclaims slowly", m.group(11)));
        }
        report.add("table", "first question, its state saved to H2 (-Xmx512m)", Double.parseDouble(m.group(3)), "s",
                null);
        report.add("table", "the same question again, from the saved state (-Xmx512m)",
                Double.parseDouble(m.group(7)), "s", null);
        if (!m.group(8).equals(m.group(1))) {
            throw new IllegalStateException("the question asked again from the saved state found " + m.group(8)
                    + " keys where the first found " + m.group(1));
        }
    }
}
