package dev.highwater.bench;

import dev.highwater.core.ledger.AuditReport;
import dev.highwater.core.ledger.BalanceTable;
import dev.highwater.core.ledger.LedgerReplay;
import dev.highwater.core.ledger.LedgerSchemas;
import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.demo.SchemaRegistryServer;
import dev.highwater.registry.HttpSchemaRegistries;
import dev.highwater.core.ledger.SnapshotStore;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.kafka.ledger.KafkaLedgerSource;
import dev.highwater.store.H2SnapshotStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ledger figures, in one run against the embedded broker: full replay speed against Kafka's
 * ConsumerPerformance on the same topic, a snapshot-assisted query in the last 1 % of the ledger against the
 * full replay, the heap a replay of many accounts needs (in a JVM capped at 512 MB), and the full replay of a
 * ledger written through a schema registry against ConsumerPerformance on that topic.
 */
public final class LedgerBench {

    private LedgerBench() {
    }

    /**
     * @param registryCache where the schema registry's distribution is unpacked (and kept, so it is unpacked once)
     */
    public static void run(BenchReport report, long events, int heapAccounts, int runs, Path registryCache)
            throws Exception {
        report.heading(String.format("ledger: %,d events over 12 partitions (a quarter JSON, 1 %% late, 0.5 %%"
                + " delivered twice, in Kafka transactions); heap with %,d accounts", events, heapAccounts));
        Path snapshots = Files.createTempDirectory("highwater-bench-snapshots");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            long t = System.nanoTime();
            LedgerFill fill = LedgerFill.write(kafka, "bench-ledger", events, 10_000);
            report.note(String.format("wrote %,d records in %.1f s", fill.records, (System.nanoTime() - t) / 1e9));
            ClientSettings client = ClientSettings.of(kafka.bootstrapServers());
            boolean anchored = KafkaTools.present(); // the replay's own figures are worth having without it
            if (!anchored) {
                report.note("no anchor: " + KafkaTools.ABSENT);
            }
            replayFigures(report, kafka, fill, LedgerSchemas.NONE, "", runs, anchored);
            snapshotFigures(report, client, fill, snapshots.resolve("snapshots"), runs);
            heap(report, kafka, heapAccounts);
            registryFigures(report, kafka, events, runs, anchored, registryCache);
        } finally {
            deleteQuietly(snapshots);
        }
    }

    /** Full replays against ConsumerPerformance on the same topic, alternated. */
    private static void replayFigures(BenchReport report, EmbeddedKafka kafka, LedgerFill fill, LedgerSchemas schemas,
                                      String what, int runs, boolean anchored) {
        ClientSettings client = ClientSettings.of(kafka.bootstrapServers());
        double[] anchor = new double[runs];
        double[] replay = new double[runs];
        double[] ratio = new double[runs];
        try (KafkaLedgerSource source = new KafkaLedgerSource(client)) {
            query(source, SnapshotStore.NONE, schemas, fill.topic, Instant.now()); // warms the JIT up, untimed
        }
        for (int r = 0; r < runs; r++) {
            if (anchored) {
                anchor[r] = ConsumerPerformanceAnchor.run(kafka.bootstrapServers(), fill.topic, fill.records)
                        .fetchRecordsPerSecond();
            }
            try (KafkaLedgerSource source = new KafkaLedgerSource(client)) {
                long t0 = System.nanoTime();
                AuditReport full = query(source, SnapshotStore.NONE, schemas, fill.topic, Instant.now());
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (full.undecodable() + full.unknownType() > 0) {
                    throw new IllegalStateException("the replay" + what + " could not read " + full.undecodable()
                            + " records: " + full.problems().getFirst().reason());
                }
                replay[r] = full.stats().recordsRead() / seconds;
            }
            ratio[r] = replay[r] / anchor[r];
        }
        if (anchored) {
            report.add("ledger", "Kafka ConsumerPerformance fetch rate (anchor)" + what, anchor, "rec/s", null);
        }
        report.add("ledger", "full replay: read_committed, decode, dedup, fold" + what, replay, "rec/s", null);
        if (anchored) {
            report.add("ledger", "full replay / ConsumerPerformance" + what, ratio, "x", ">= 0.6");
        }
    }

    /**
     * The same figures for a ledger written through a schema registry (a real one, on loopback): a quarter of
     * the events in Avro, the rest in Protobuf whose schema evolves twice as the ledger goes (v1, v2 with a field
     * added, v3 with one removed), each read with the version it was written with.
     */
    private static void registryFigures(BenchReport report, EmbeddedKafka kafka, long events, int runs,
                                        boolean anchored, Path cache) throws Exception {
        SchemaRegistryServer started = RegistryFraming.start(report, cache);
        if (started == null) {
            return;
        }
        try (SchemaRegistryServer server = started) {
            String subject = "bench-ledger-registry-value";
            int v1 = server.register(subject, "PROTOBUF", FramedLedgerEvents.PROTO_V1, List.of());
            int v2 = server.register(subject, "PROTOBUF", FramedLedgerEvents.PROTO_V2, List.of());
            int v3 = server.register(subject, "PROTOBUF", FramedLedgerEvents.PROTO_V3, List.of());
            int avro = server.register("bench-ledger-registry-avro-value", "AVRO", FramedLedgerEvents.AVRO, List.of());
            LedgerFill fill = LedgerFill.write(kafka, "bench-ledger-registry", events, 10_000, (e, other, at) ->
                    other ? FramedLedgerEvents.avro(avro, e)
                            : FramedLedgerEvents.protobuf(at < 1 / 3.0 ? v1 : at < 2 / 3.0 ? v2 : v3,
                            at < 1 / 3.0 ? 1 : at < 2 / 3.0 ? 2 : 3, e));
            report.note(String.format("registry-framed ledger: %,d records (Protobuf v1, v2, v3 in turn; a quarter"
                    + " Avro), schemas at %s", fill.records, server.url()));
            try (SchemaRegistry registry = new HttpSchemaRegistries().open(RegistrySettings.of(server.url()),
                    SecretResolver.system())) {
                replayFigures(report, kafka, fill, LedgerSchemas.of(registry), ", registry-framed", runs, anchored);
            }
        }
    }

    private static AuditReport query(KafkaLedgerSource source, SnapshotStore store, String topic, Instant at) {
        return query(source, store, LedgerSchemas.NONE, topic, at);
    }

    private static AuditReport query(KafkaLedgerSource source, SnapshotStore store, LedgerSchemas schemas,
                                     String topic, Instant at) {
        return new LedgerReplay(source, store, LedgerReplay.Settings.defaults(), schemas)
                .balancesAt(topic, List.of(at), LedgerReplay.Listener.NONE, () -> false).getFirst();
    }

    private static void snapshotFigures(BenchReport report, ClientSettings client, LedgerFill fill, Path file,
                                        int runs) {
        try (KafkaLedgerSource source = new KafkaLedgerSource(client);
             H2SnapshotStore store = H2SnapshotStore.open(file)) {
            long t0 = System.nanoTime();
            query(source, store, fill.topic, Instant.now()); // the first replay cuts the snapshots as it passes
            double writing = (System.nanoTime() - t0) / 1e9;
            report.add("ledger", "full replay cutting snapshots (first query)", writing, "s", null);
            report.note(store.list(fill.topic).size() + " snapshots saved");
            double[] share = new double[runs];
            for (int r = 0; r < runs; r++) {
                Instant at = Instant.ofEpochMilli(fill.timestampAt(0.99 + 0.01 * (r + 0.5) / runs));
                long a = System.nanoTime();
                AuditReport assisted = query(source, store, fill.topic, at);
                double assistedSeconds = (System.nanoTime() - a) / 1e9;
                long f = System.nanoTime();
                AuditReport full = query(source, SnapshotStore.NONE, fill.topic, at);
                double fullSeconds = (System.nanoTime() - f) / 1e9;
                if (!same(assisted.balances(), full.balances()) || assisted.events() != full.events()
                        || assisted.stats().fromSnapshot() == 0) {
                    throw new IllegalStateException("the snapshot-assisted answer at " + at
                            + " differs from the full replay's, or used no snapshot");
                }
                share[r] = 100 * assistedSeconds / fullSeconds;
                report.note(String.format("at %s: %.3f s from snapshot %d (%,d records read) vs %.2f s full replay",
                        at, assistedSeconds, assisted.stats().fromSnapshot(), assisted.stats().recordsRead(),
                        fullSeconds));
            }
            report.add("ledger", "query in the last 1 %, snapshots vs full replay", share, "%", "<= 5 %");
        }
    }

    private static boolean same(BalanceTable a, BalanceTable b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.account(i).equals(b.account(i)) || !a.balance(i).equals(b.balance(i))) {
                return false;
            }
        }
        return true;
    }

    private static final Pattern PROBE =
            Pattern.compile("accounts=(\\d+) events=(\\d+) peak=(\\d+) retained=(\\d+) live=(\\d+)");

    /** Replays a ledger of many accounts in a JVM capped at 512 MB of heap, which reports its peak. */
    private static void heap(BenchReport report, EmbeddedKafka kafka, int accounts) throws Exception {
        LedgerFill fill = LedgerFill.write(kafka, "bench-ledger-accounts", 3L * accounts, accounts);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx512m", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                LedgerHeapProbe.class.getName(), kafka.bootstrapServers(), fill.topic));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("the replay of " + accounts + " accounts did not finish within a 512 MB"
                    + " heap: " + out.strip().lines().reduce((x, y) -> y).orElse(""));
        }
        Matcher m = PROBE.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("the heap probe printed no figures: " + out.strip());
        }
        report.note(String.format("%,d accounts, %,d events replayed in a JVM with -Xmx512m", Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2))));
        report.add("ledger", "heap live after GC, highest, replay of the accounts above (-Xmx512m)",
                Long.parseLong(m.group(5)) / 1e6, "MB", "< 512 MB");
        report.add("ledger", "heap pools' peaks added up (garbage included, reached at different moments)",
                Long.parseLong(m.group(3)) / 1e6, "MB", null);
        report.add("ledger", "heap held by the finished report", Long.parseLong(m.group(4)) / 1e6, "MB", null);
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp folder: the system cleans it eventually
        }
    }
}
