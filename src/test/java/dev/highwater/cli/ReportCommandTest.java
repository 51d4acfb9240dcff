package dev.highwater.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.highwater.app.Wiring;
import dev.highwater.core.lag.Alert;
import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.LagMonitor;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.core.lag.OffsetsSnapshot;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.offsets.PartitionReset;
import dev.highwater.core.offsets.ResetPlan;
import dev.highwater.core.offsets.ResetRecord;
import dev.highwater.core.offsets.ResetTarget;
import dev.highwater.kafka.TestBroker;
import dev.highwater.store.H2LagHistoryStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `highwater report` on a real broker and a real H2 history file: the lag history is what a live monitor (the
 * console's logic) made of a scripted incident (a partition whose consumer stalls, then catches up), the records
 * of the window carry known keys and secrets; the report's numbers must be the history's and the records'.
 */
class ReportCommandTest {

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @TempDir
    static Path dir;

    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";
    /** The window: one minute, twenty minutes ago, refreshes every second from 20 s before it to 20 s after. */
    private static final Instant FROM = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(20, ChronoUnit.MINUTES);
    private static final Instant TO = FROM.plusSeconds(60);
    private static final Instant START = FROM.minusSeconds(20);

    private static Path data;
    private static final List<LagRefresh> live = new ArrayList<>();
    private static ResetRecord reset;

    @BeforeAll
    static void incident() throws Exception {
        data = dir.resolve("data");
        String clusterId;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
            clusterId = admin.describeCluster().clusterId().get();
        }
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) { // before the window: not counted
                p.send(new ProducerRecord<>(TOPIC, i % 4, FROM.toEpochMilli() - 5_000 + i, "early", value(i))).get();
            }
            // in the window: 60 records of "hot", 20 each of "k1" and "k2"
            for (int i = 0; i < 100; i++) {
                String key = i < 60 ? "hot" : i < 80 ? "k1" : "k2";
                ProducerRecord<String, String> r = new ProducerRecord<>(TOPIC, Math.abs(key.hashCode()) % 4,
                        FROM.toEpochMilli() + 1_000 + i * 400L, key, value(i));
                r.headers().add(new RecordHeader("authorization", "Bearer abc.def.ghi".getBytes(StandardCharsets.UTF_8)));
                r.headers().add(new RecordHeader("trace-id", "trace-42".getBytes(StandardCharsets.UTF_8)));
                p.send(r).get();
            }
            for (int i = 0; i < 10; i++) { // after the window: not counted
                p.send(new ProducerRecord<>(TOPIC, i % 4, TO.toEpochMilli() + 10_000 + i, "late", value(i))).get();
            }
        }
        // the console's logic over the scripted offsets, kept as the console keeps it
        LagMonitor monitor = new LagMonitor(LagSettings.defaults());
        try (H2LagHistoryStore store = H2LagHistoryStore.open(data.resolve("lag-history"))) {
            for (int i = 0; i <= 100; i++) {
                LagRefresh refresh = monitor.update(snapshot(i));
                store.append(clusterId, refresh);
                live.add(refresh);
            }
        }
        PartitionReset p0 = new PartitionReset(new PartitionId(TOPIC, 0), 500L, 0, 900, 900,
                PartitionReset.Clamp.NONE, "");
        reset = Wiring.commandLine().resets(data).keepBefore(new ResetPlan(GROUP, new ResetTarget.Latest(),
                List.of(p0), 0, "Empty"), broker.bootstrapServers(), FROM.plusSeconds(45));
    }

    private static String value(int i) {
        return "{\"id\":" + i + ",\"note\":\"ok\",\"comment\":\"sent with Bearer abc.def.ghi\",\"password\":\"hunter2-"
                + i + "\",\"payer\":{\"iban\":\"DE89370400" + i + "\"}}";
    }

    /**
     * Second {@code i} of the script: orders-0 gets 50 records/s and its consumer keeps 60 behind until second 30,
     * then stands still until second 60, then catches up at 200/s; the other partitions get 5/s, 10 behind.
     */
    private static OffsetsSnapshot snapshot(int i) {
        long at = START.toEpochMilli() + i * 1_000L;
        Map<PartitionId, OffsetsSnapshot.LogOffsets> logs = new HashMap<>();
        Map<PartitionId, Long> committed = new HashMap<>();
        Map<PartitionId, OffsetsSnapshot.RecordTime> times = new HashMap<>();
        for (int p = 0; p < 4; p++) {
            PartitionId id = new PartitionId(TOPIC, p);
            long rate = p == 0 ? 50 : 5;
            long base = p == 0 ? 1_000 : 100;
            long end = base + rate * i;
            long c;
            if (p != 0) {
                c = end - 10;
            } else if (i < 30) {
                c = end - 60;
            } else if (i < 60) {
                c = base + rate * 29 - 60;
            } else {
                c = Math.min(end, base + rate * 29 - 60 + 200L * (i - 59));
            }
            logs.put(id, new OffsetsSnapshot.LogOffsets(id, 0, end));
            committed.put(id, c);
            if (c < end) { // the record at the committed offset was appended when the log reached it
                times.put(id, new OffsetsSnapshot.RecordTime(c, START.toEpochMilli() + (c - base) * 1_000 / rate, false));
            }
        }
        OffsetsSnapshot.Member member = new OffsetsSnapshot.Member("m1", "consumer-1", "/10.0.0.1",
                Set.copyOf(logs.keySet()));
        return new OffsetsSnapshot(at, null, logs, List.of(new OffsetsSnapshot.GroupOffsets(GROUP, "Stable",
                List.of(member), committed, times)));
    }

    private static List<LagRefresh> inWindow() {
        return live.stream().filter(r -> !Instant.ofEpochMilli(r.atMillis()).isBefore(FROM)
                && !Instant.ofEpochMilli(r.atMillis()).isAfter(TO)).toList();
    }

    private static CommandRun report(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("report", "--bootstrap", broker.bootstrapServers(), "--group",
                GROUP, "--from", FROM.toString(), "--to", TO.toString(), "--out", out.toString(),
                "--data-dir", data.toString()));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void theReportsNumbersAreTheHistorysAndTheRecords() throws Exception {
        Path out = dir.resolve("report");
        CommandRun run = report(out, "--redact", "IBAN");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains(out.toString()), "says where it wrote: " + run.out());
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();

        List<GroupLag> groups = inWindow().stream().map(r -> r.groups().getFirst()).toList();
        JsonObject summary = json.getAsJsonObject("summary");
        assertEquals(groups.size(), summary.get("refreshes").getAsInt());
        assertEquals(groups.stream().mapToLong(GroupLag::totalLag).max().orElseThrow(), summary.get("maxLag").getAsLong());
        assertEquals(groups.getLast().totalLag(), summary.get("lagAtEnd").getAsLong());
        assertEquals(groups.stream().mapToDouble(GroupLag::maxLagSeconds).max().orElseThrow(),
                summary.get("maxLagSeconds").getAsDouble(), 1e-9);

        // the status changes the console showed, refresh by refresh
        List<String> expectedChanges = new ArrayList<>();
        String previous = null;
        for (LagRefresh r : inWindow()) {
            String status = r.groups().getFirst().status().name();
            if (!status.equals(previous)) {
                expectedChanges.add(Instant.ofEpochMilli(r.atMillis()) + " " + status);
                previous = status;
            }
        }
        List<String> changes = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray("statusChanges")) {
            changes.add(e.getAsJsonObject().get("at").getAsString() + " " + e.getAsJsonObject().get("to").getAsString());
        }
        assertEquals(expectedChanges, changes);
        assertTrue(changes.stream().anyMatch(c -> c.endsWith("STALLED")), "the stall is in the window: " + changes);

        // the alerts the console raised and cleared in the window
        Map<String, Alert> expected = new LinkedHashMap<>();
        for (LagRefresh r : inWindow()) {
            for (Alert a : r.alerts()) {
                if (a.clearedAt() == null || a.clearedAt() >= FROM.toEpochMilli()) {
                    expected.merge(a.key() + "@" + a.raisedAt(), a, (was, is) -> was.active() ? is : was);
                }
            }
        }
        Set<String> expectedAlerts = new TreeSet<>();
        expected.values().forEach(a -> expectedAlerts.add(a.key() + " " + Instant.ofEpochMilli(a.raisedAt()) + " "
                + (a.clearedAt() == null ? null : Instant.ofEpochMilli(a.clearedAt()))));
        Set<String> alerts = new TreeSet<>();
        for (JsonElement e : json.getAsJsonArray("alerts")) {
            JsonObject a = e.getAsJsonObject();
            alerts.add(a.get("key").getAsString() + " " + a.get("raisedAt").getAsString() + " "
                    + (a.get("clearedAt").isJsonNull() ? null : a.get("clearedAt").getAsString()));
        }
        assertEquals(expectedAlerts, alerts);
        assertTrue(alerts.stream().anyMatch(a -> a.startsWith("stalled:" + GROUP) && !a.endsWith("null")),
                "the stall's alert was raised and cleared: " + alerts);
        assertEquals(TOPIC + "-0", hotPartition(json), "the stalled partition was the hot one");

        // hot keys: the window's 100 records, not the 20 around it
        JsonObject keys = json.getAsJsonArray("hotKeys").get(0).getAsJsonObject();
        assertEquals(100, keys.get("recordsRead").getAsLong());
        JsonArray top = keys.getAsJsonArray("keys");
        assertEquals("hot", top.get(0).getAsJsonObject().get("key").getAsString());
        assertEquals(0.6, top.get(0).getAsJsonObject().get("share").getAsDouble(), 1e-9);
        assertTrue(top.get(0).getAsJsonObject().get("hot").getAsBoolean());
        assertEquals(0.2, top.get(1).getAsJsonObject().get("share").getAsDouble(), 1e-9);

        JsonObject resetJson = json.getAsJsonArray("resets").get(0).getAsJsonObject();
        assertEquals(reset.undoFile().toString(), resetJson.get("undoFile").getAsString());
        assertTrue(Files.exists(reset.undoFile()));

        for (String png : List.of("lag.png", "lag-seconds.png", "throughput.png")) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(image, png + " is a PNG");
            assertEquals(900, image.getWidth());
            assertEquals(300, image.getHeight());
        }
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("![Total lag of billing](lag.png)"), md);
    }

    private static String hotPartition(JsonObject json) {
        JsonObject h = json.getAsJsonArray("hotPartitions").get(0).getAsJsonObject();
        return h.get("topic").getAsString() + "-" + h.get("partition").getAsInt();
    }

    @Test
    void secretsAndRedactedFieldsAreMaskedInTheSamples() throws Exception {
        Path out = dir.resolve("redacted");
        CommandRun run = report(out, "--redact", "iban");
        assertEquals(0, run.exit(), run.err());
        String md = Files.readString(out.resolve("report.md"));
        String json = Files.readString(out.resolve("report.json"));
        JsonObject sample = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("samples").get(0)
                .getAsJsonObject();
        assertEquals(5, JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("samples").size());
        assertEquals("ok", sample.getAsJsonObject("value").get("note").getAsString(), "other fields stay: " + sample);
        assertEquals("trace-42", sample.getAsJsonObject("headers").get("trace-id").getAsString());
        for (String text : List.of(md, json)) {
            assertFalse(text.contains("hunter2"), "a password's value is hidden");
            assertFalse(text.contains("DE89370400"), "a --redact field's value is hidden");
            assertFalse(text.contains("abc.def.ghi"), "an authorization header's value is hidden, also where a field"
                    + " quotes it");
            assertTrue(text.contains("\"password\": \"***\""), "the field is there, masked");
            assertTrue(text.contains("\"iban\": \"***\""));
        }
    }

    @Test
    void withoutHistoryOfTheGroupItSaysHowToKeepSomeAndWritesNothing() {
        Path out = dir.resolve("nothing");
        CommandRun run = CommandRun.of("report", "--bootstrap", broker.bootstrapServers(), "--group", "nobody",
                "--from", FROM.toString(), "--to", TO.toString(), "--out", out.toString(), "--data-dir",
                data.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("No lag history of group nobody"), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one sentence: " + run.err());
        assertFalse(Files.exists(out), "nothing half-made");
    }
}
